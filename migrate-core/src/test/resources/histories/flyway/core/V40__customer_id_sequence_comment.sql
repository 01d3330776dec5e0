comment on table customer is 'People and companies that buy from us';
comment on column customer.segment is 'Drives tax handling: business customers need a VAT id';
comment on table stock_movement is 'Append-only ledger; stock_level is derived from it by trigger';
