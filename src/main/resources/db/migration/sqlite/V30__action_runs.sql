-- Assistant actions and direct action calls run as workflow runs (issue 11). A run's trigger type (manual,
-- webhook, schedule, chat, api, a connector trigger...) gets a column so the runs list filters by it through
-- an index; rows from before take it from their trigger data.
ALTER TABLE workflow_runs ADD COLUMN trigger_type TEXT;
UPDATE workflow_runs SET trigger_type = json_extract(trigger_data, '$.type');
CREATE INDEX workflow_runs_ws_trigger ON workflow_runs (workspace_id, trigger_type, created_at, id);

-- The run that carried out an approved assistant action (null for actions on Atom's own data).
ALTER TABLE assistant_actions ADD COLUMN run_id TEXT;
