-- Every app with its name and, for per-app Weave routing (--project-routing=dify), its tracing switch
-- (apps.tracing) and the first trace_app_config row for Weave: Dify reads the first row of
-- (app_id, tracing_provider), with no is_active filter. Read once per job execution.
SELECT a.id AS app_id,
       a.tenant_id,
       a.name,
       a.tracing,
       c.id AS config_id,
       c.tracing_config::text AS tracing_config
FROM apps a
LEFT JOIN LATERAL (
    SELECT t.id, t.tracing_config
    FROM trace_app_config t
    WHERE t.app_id = a.id AND t.tracing_provider = 'weave'
    ORDER BY t.created_at, t.id
    LIMIT 1
) c ON true
ORDER BY a.id
