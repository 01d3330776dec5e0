drop materialized view if exists monthly_sales;
