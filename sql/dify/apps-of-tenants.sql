-- The apps of these workspaces: a sync's deletion scan keeps to its --tenant filter with them.
SELECT a.id FROM apps a WHERE a.tenant_id = ANY(:tenant_ids)
