CREATE TABLE fw_patients (id INT PRIMARY KEY, ssn VARCHAR(200), note VARCHAR(100));
CREATE INDEX fw_patients_ssn ON fw_patients (ssn);
