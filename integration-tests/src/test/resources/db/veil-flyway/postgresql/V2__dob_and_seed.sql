ALTER TABLE fw_patients ADD COLUMN dob BYTEA;
INSERT INTO fw_patients (id, note) VALUES (1, 'seeded by a migration');
