ALTER TABLE fw_patients ADD COLUMN dob VARBINARY(255);
INSERT INTO fw_patients (id, note) VALUES (1, 'seeded by a migration');
