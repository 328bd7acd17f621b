package dev.veil.it;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** The MyBatis mapper of {@code MyBatisTest}: the statements an application would annotate. */
public interface RcPatientMapper {
  @Insert(
      "INSERT INTO rc_patients (id, ssn, dob, balance, note)"
          + " VALUES (#{id}, #{ssn}, #{dob}, #{balance}, #{note})")
  int insert(RcPatient patient);

  @Select("SELECT id, ssn, dob, balance, note FROM rc_patients WHERE ssn = #{ssn}")
  RcPatient findBySsn(String ssn);

  @Select("SELECT id, ssn, dob, balance, note FROM rc_patients WHERE id = #{id}")
  RcPatient findById(int id);

  @Select({
    "<script>",
    "SELECT id FROM rc_patients WHERE ssn IN",
    "<foreach item='ssn' collection='ssns' open='(' separator=',' close=')'>#{ssn}</foreach>",
    "ORDER BY id",
    "</script>"
  })
  List<Integer> idsBySsn(@Param("ssns") List<String> ssns);

  @Update("UPDATE rc_patients SET ssn = #{ssn}, note = #{note} WHERE id = #{id}")
  int update(RcPatient patient);

  @Select("SELECT id FROM rc_patients WHERE ssn LIKE #{pattern}")
  List<Integer> idsLike(String pattern);
}
