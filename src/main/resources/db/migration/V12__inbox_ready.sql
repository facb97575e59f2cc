-- scale-out (issue 6): a worker looks every few seconds for inbox entries that became ready without an update reaching
-- it (a consent given through another worker releases held group questions). Only entries waiting to start are in
-- this index, so the look costs a few rows however long finished entries are kept.
CREATE INDEX inbox_ready ON inbox (bot_id) WHERE state = 'STORED';
