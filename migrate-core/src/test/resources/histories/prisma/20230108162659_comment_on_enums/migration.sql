COMMENT ON TYPE "MemberRole" IS 'Role of a user within one organization';
COMMENT ON VIEW "OpenInvoice" IS 'Invoices the dunning job looks at';
