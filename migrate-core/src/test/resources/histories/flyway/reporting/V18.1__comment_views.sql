comment on view daily_sales is 'One row per day; used by the finance dashboard';
comment on view product_sales is 'Lifetime units and revenue per product';
