comment on materialized view monthly_sales is 'Refreshed nightly by the reporting job';
