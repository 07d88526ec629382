-- The public receipt check looks a receipt up.
CREATE INDEX responses_receipt ON responses (receipt);
