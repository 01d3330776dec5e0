alter table product add constraint product_weight_check check (weight_grams is null or weight_grams > 0);
