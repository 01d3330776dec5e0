comment on function low_stock(integer) is 'Products whose free stock is below the threshold, per warehouse';
