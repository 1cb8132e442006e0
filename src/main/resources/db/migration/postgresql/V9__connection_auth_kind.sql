-- How a connection was made (api_key, basic, oauth2...), since a connector may offer several ways. Rows from
-- before hold OAuth tokens (oauth2) or the connector's only form-based way (NULL: read as the preferred one).
ALTER TABLE connections ADD COLUMN auth_kind TEXT;
UPDATE connections SET auth_kind = 'oauth2' WHERE access_token_secret_id IS NOT NULL;
