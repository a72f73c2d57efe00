-- no_key, the ALIAS column an unused {key1}, {key2} or {within} of the
-- metric SQL files named, is read no longer: metrics.bound writes such a
-- key as the constant '' in the statement (the engine grouped the alias
-- row by row). Dropping an ALIAS column touches no data.
ALTER TABLE one_on_one_cells DROP COLUMN IF EXISTS no_key
