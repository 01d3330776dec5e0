create index return_request_open_idx on return_request (created_at) where status = 'open';
