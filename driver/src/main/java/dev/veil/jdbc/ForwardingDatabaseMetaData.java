package dev.veil.jdbc;

/**
 * Forwards every method of {@link java.sql.DatabaseMetaData}, default methods included, to {@link
 * #delegate()}. Veil's wrappers extend it and override only what they intercept; a reflection test
 * checks that nothing is left to an interface default.
 */
@SuppressWarnings("deprecation")
abstract class ForwardingDatabaseMetaData implements java.sql.DatabaseMetaData {

  /** The object calls are forwarded to. */
  protected abstract java.sql.DatabaseMetaData delegate();

  @Override
  public boolean allProceduresAreCallable() throws java.sql.SQLException {
    return delegate().allProceduresAreCallable();
  }

  @Override
  public boolean allTablesAreSelectable() throws java.sql.SQLException {
    return delegate().allTablesAreSelectable();
  }

  @Override
  public boolean autoCommitFailureClosesAllResultSets() throws java.sql.SQLException {
    return delegate().autoCommitFailureClosesAllResultSets();
  }

  @Override
  public boolean dataDefinitionCausesTransactionCommit() throws java.sql.SQLException {
    return delegate().dataDefinitionCausesTransactionCommit();
  }

  @Override
  public boolean dataDefinitionIgnoredInTransactions() throws java.sql.SQLException {
    return delegate().dataDefinitionIgnoredInTransactions();
  }

  @Override
  public boolean deletesAreDetected(int n) throws java.sql.SQLException {
    return delegate().deletesAreDetected(n);
  }

  @Override
  public boolean doesMaxRowSizeIncludeBlobs() throws java.sql.SQLException {
    return delegate().doesMaxRowSizeIncludeBlobs();
  }

  @Override
  public boolean generatedKeyAlwaysReturned() throws java.sql.SQLException {
    return delegate().generatedKeyAlwaysReturned();
  }

  @Override
  public java.sql.ResultSet getAttributes(String s1, String s2, String s3, String s4)
      throws java.sql.SQLException {
    return delegate().getAttributes(s1, s2, s3, s4);
  }

  @Override
  public java.sql.ResultSet getBestRowIdentifier(
      String s1, String s2, String s3, int n, boolean flag) throws java.sql.SQLException {
    return delegate().getBestRowIdentifier(s1, s2, s3, n, flag);
  }

  @Override
  public String getCatalogSeparator() throws java.sql.SQLException {
    return delegate().getCatalogSeparator();
  }

  @Override
  public String getCatalogTerm() throws java.sql.SQLException {
    return delegate().getCatalogTerm();
  }

  @Override
  public java.sql.ResultSet getCatalogs() throws java.sql.SQLException {
    return delegate().getCatalogs();
  }

  @Override
  public java.sql.ResultSet getClientInfoProperties() throws java.sql.SQLException {
    return delegate().getClientInfoProperties();
  }

  @Override
  public java.sql.ResultSet getColumnPrivileges(String s1, String s2, String s3, String s4)
      throws java.sql.SQLException {
    return delegate().getColumnPrivileges(s1, s2, s3, s4);
  }

  @Override
  public java.sql.ResultSet getColumns(String s1, String s2, String s3, String s4)
      throws java.sql.SQLException {
    return delegate().getColumns(s1, s2, s3, s4);
  }

  @Override
  public java.sql.Connection getConnection() throws java.sql.SQLException {
    return delegate().getConnection();
  }

  @Override
  public java.sql.ResultSet getCrossReference(
      String s1, String s2, String s3, String s4, String s5, String s6)
      throws java.sql.SQLException {
    return delegate().getCrossReference(s1, s2, s3, s4, s5, s6);
  }

  @Override
  public int getDatabaseMajorVersion() throws java.sql.SQLException {
    return delegate().getDatabaseMajorVersion();
  }

  @Override
  public int getDatabaseMinorVersion() throws java.sql.SQLException {
    return delegate().getDatabaseMinorVersion();
  }

  @Override
  public String getDatabaseProductName() throws java.sql.SQLException {
    return delegate().getDatabaseProductName();
  }

  @Override
  public String getDatabaseProductVersion() throws java.sql.SQLException {
    return delegate().getDatabaseProductVersion();
  }

  @Override
  public int getDefaultTransactionIsolation() throws java.sql.SQLException {
    return delegate().getDefaultTransactionIsolation();
  }

  @Override
  public int getDriverMajorVersion() {
    return delegate().getDriverMajorVersion();
  }

  @Override
  public int getDriverMinorVersion() {
    return delegate().getDriverMinorVersion();
  }

  @Override
  public String getDriverName() throws java.sql.SQLException {
    return delegate().getDriverName();
  }

  @Override
  public String getDriverVersion() throws java.sql.SQLException {
    return delegate().getDriverVersion();
  }

  @Override
  public java.sql.ResultSet getExportedKeys(String s1, String s2, String s3)
      throws java.sql.SQLException {
    return delegate().getExportedKeys(s1, s2, s3);
  }

  @Override
  public String getExtraNameCharacters() throws java.sql.SQLException {
    return delegate().getExtraNameCharacters();
  }

  @Override
  public java.sql.ResultSet getFunctionColumns(String s1, String s2, String s3, String s4)
      throws java.sql.SQLException {
    return delegate().getFunctionColumns(s1, s2, s3, s4);
  }

  @Override
  public java.sql.ResultSet getFunctions(String s1, String s2, String s3)
      throws java.sql.SQLException {
    return delegate().getFunctions(s1, s2, s3);
  }

  @Override
  public String getIdentifierQuoteString() throws java.sql.SQLException {
    return delegate().getIdentifierQuoteString();
  }

  @Override
  public java.sql.ResultSet getImportedKeys(String s1, String s2, String s3)
      throws java.sql.SQLException {
    return delegate().getImportedKeys(s1, s2, s3);
  }

  @Override
  public java.sql.ResultSet getIndexInfo(
      String s1, String s2, String s3, boolean flag1, boolean flag2) throws java.sql.SQLException {
    return delegate().getIndexInfo(s1, s2, s3, flag1, flag2);
  }

  @Override
  public int getJDBCMajorVersion() throws java.sql.SQLException {
    return delegate().getJDBCMajorVersion();
  }

  @Override
  public int getJDBCMinorVersion() throws java.sql.SQLException {
    return delegate().getJDBCMinorVersion();
  }

  @Override
  public int getMaxBinaryLiteralLength() throws java.sql.SQLException {
    return delegate().getMaxBinaryLiteralLength();
  }

  @Override
  public int getMaxCatalogNameLength() throws java.sql.SQLException {
    return delegate().getMaxCatalogNameLength();
  }

  @Override
  public int getMaxCharLiteralLength() throws java.sql.SQLException {
    return delegate().getMaxCharLiteralLength();
  }

  @Override
  public int getMaxColumnNameLength() throws java.sql.SQLException {
    return delegate().getMaxColumnNameLength();
  }

  @Override
  public int getMaxColumnsInGroupBy() throws java.sql.SQLException {
    return delegate().getMaxColumnsInGroupBy();
  }

  @Override
  public int getMaxColumnsInIndex() throws java.sql.SQLException {
    return delegate().getMaxColumnsInIndex();
  }

  @Override
  public int getMaxColumnsInOrderBy() throws java.sql.SQLException {
    return delegate().getMaxColumnsInOrderBy();
  }

  @Override
  public int getMaxColumnsInSelect() throws java.sql.SQLException {
    return delegate().getMaxColumnsInSelect();
  }

  @Override
  public int getMaxColumnsInTable() throws java.sql.SQLException {
    return delegate().getMaxColumnsInTable();
  }

  @Override
  public int getMaxConnections() throws java.sql.SQLException {
    return delegate().getMaxConnections();
  }

  @Override
  public int getMaxCursorNameLength() throws java.sql.SQLException {
    return delegate().getMaxCursorNameLength();
  }

  @Override
  public int getMaxIndexLength() throws java.sql.SQLException {
    return delegate().getMaxIndexLength();
  }

  @Override
  public long getMaxLogicalLobSize() throws java.sql.SQLException {
    return delegate().getMaxLogicalLobSize();
  }

  @Override
  public int getMaxProcedureNameLength() throws java.sql.SQLException {
    return delegate().getMaxProcedureNameLength();
  }

  @Override
  public int getMaxRowSize() throws java.sql.SQLException {
    return delegate().getMaxRowSize();
  }

  @Override
  public int getMaxSchemaNameLength() throws java.sql.SQLException {
    return delegate().getMaxSchemaNameLength();
  }

  @Override
  public int getMaxStatementLength() throws java.sql.SQLException {
    return delegate().getMaxStatementLength();
  }

  @Override
  public int getMaxStatements() throws java.sql.SQLException {
    return delegate().getMaxStatements();
  }

  @Override
  public int getMaxTableNameLength() throws java.sql.SQLException {
    return delegate().getMaxTableNameLength();
  }

  @Override
  public int getMaxTablesInSelect() throws java.sql.SQLException {
    return delegate().getMaxTablesInSelect();
  }

  @Override
  public int getMaxUserNameLength() throws java.sql.SQLException {
    return delegate().getMaxUserNameLength();
  }

  @Override
  public String getNumericFunctions() throws java.sql.SQLException {
    return delegate().getNumericFunctions();
  }

  @Override
  public java.sql.ResultSet getPrimaryKeys(String s1, String s2, String s3)
      throws java.sql.SQLException {
    return delegate().getPrimaryKeys(s1, s2, s3);
  }

  @Override
  public java.sql.ResultSet getProcedureColumns(String s1, String s2, String s3, String s4)
      throws java.sql.SQLException {
    return delegate().getProcedureColumns(s1, s2, s3, s4);
  }

  @Override
  public String getProcedureTerm() throws java.sql.SQLException {
    return delegate().getProcedureTerm();
  }

  @Override
  public java.sql.ResultSet getProcedures(String s1, String s2, String s3)
      throws java.sql.SQLException {
    return delegate().getProcedures(s1, s2, s3);
  }

  @Override
  public java.sql.ResultSet getPseudoColumns(String s1, String s2, String s3, String s4)
      throws java.sql.SQLException {
    return delegate().getPseudoColumns(s1, s2, s3, s4);
  }

  @Override
  public int getResultSetHoldability() throws java.sql.SQLException {
    return delegate().getResultSetHoldability();
  }

  @Override
  public java.sql.RowIdLifetime getRowIdLifetime() throws java.sql.SQLException {
    return delegate().getRowIdLifetime();
  }

  @Override
  public String getSQLKeywords() throws java.sql.SQLException {
    return delegate().getSQLKeywords();
  }

  @Override
  public int getSQLStateType() throws java.sql.SQLException {
    return delegate().getSQLStateType();
  }

  @Override
  public String getSchemaTerm() throws java.sql.SQLException {
    return delegate().getSchemaTerm();
  }

  @Override
  public java.sql.ResultSet getSchemas() throws java.sql.SQLException {
    return delegate().getSchemas();
  }

  @Override
  public java.sql.ResultSet getSchemas(String s1, String s2) throws java.sql.SQLException {
    return delegate().getSchemas(s1, s2);
  }

  @Override
  public String getSearchStringEscape() throws java.sql.SQLException {
    return delegate().getSearchStringEscape();
  }

  @Override
  public String getStringFunctions() throws java.sql.SQLException {
    return delegate().getStringFunctions();
  }

  @Override
  public java.sql.ResultSet getSuperTables(String s1, String s2, String s3)
      throws java.sql.SQLException {
    return delegate().getSuperTables(s1, s2, s3);
  }

  @Override
  public java.sql.ResultSet getSuperTypes(String s1, String s2, String s3)
      throws java.sql.SQLException {
    return delegate().getSuperTypes(s1, s2, s3);
  }

  @Override
  public String getSystemFunctions() throws java.sql.SQLException {
    return delegate().getSystemFunctions();
  }

  @Override
  public java.sql.ResultSet getTablePrivileges(String s1, String s2, String s3)
      throws java.sql.SQLException {
    return delegate().getTablePrivileges(s1, s2, s3);
  }

  @Override
  public java.sql.ResultSet getTableTypes() throws java.sql.SQLException {
    return delegate().getTableTypes();
  }

  @Override
  public java.sql.ResultSet getTables(String s1, String s2, String s3, String[] names)
      throws java.sql.SQLException {
    return delegate().getTables(s1, s2, s3, names);
  }

  @Override
  public String getTimeDateFunctions() throws java.sql.SQLException {
    return delegate().getTimeDateFunctions();
  }

  @Override
  public java.sql.ResultSet getTypeInfo() throws java.sql.SQLException {
    return delegate().getTypeInfo();
  }

  @Override
  public java.sql.ResultSet getUDTs(String s1, String s2, String s3, int[] indexes)
      throws java.sql.SQLException {
    return delegate().getUDTs(s1, s2, s3, indexes);
  }

  @Override
  public String getURL() throws java.sql.SQLException {
    return delegate().getURL();
  }

  @Override
  public String getUserName() throws java.sql.SQLException {
    return delegate().getUserName();
  }

  @Override
  public java.sql.ResultSet getVersionColumns(String s1, String s2, String s3)
      throws java.sql.SQLException {
    return delegate().getVersionColumns(s1, s2, s3);
  }

  @Override
  public boolean insertsAreDetected(int n) throws java.sql.SQLException {
    return delegate().insertsAreDetected(n);
  }

  @Override
  public boolean isCatalogAtStart() throws java.sql.SQLException {
    return delegate().isCatalogAtStart();
  }

  @Override
  public boolean isReadOnly() throws java.sql.SQLException {
    return delegate().isReadOnly();
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws java.sql.SQLException {
    return delegate().isWrapperFor(type);
  }

  @Override
  public boolean locatorsUpdateCopy() throws java.sql.SQLException {
    return delegate().locatorsUpdateCopy();
  }

  @Override
  public boolean nullPlusNonNullIsNull() throws java.sql.SQLException {
    return delegate().nullPlusNonNullIsNull();
  }

  @Override
  public boolean nullsAreSortedAtEnd() throws java.sql.SQLException {
    return delegate().nullsAreSortedAtEnd();
  }

  @Override
  public boolean nullsAreSortedAtStart() throws java.sql.SQLException {
    return delegate().nullsAreSortedAtStart();
  }

  @Override
  public boolean nullsAreSortedHigh() throws java.sql.SQLException {
    return delegate().nullsAreSortedHigh();
  }

  @Override
  public boolean nullsAreSortedLow() throws java.sql.SQLException {
    return delegate().nullsAreSortedLow();
  }

  @Override
  public boolean othersDeletesAreVisible(int n) throws java.sql.SQLException {
    return delegate().othersDeletesAreVisible(n);
  }

  @Override
  public boolean othersInsertsAreVisible(int n) throws java.sql.SQLException {
    return delegate().othersInsertsAreVisible(n);
  }

  @Override
  public boolean othersUpdatesAreVisible(int n) throws java.sql.SQLException {
    return delegate().othersUpdatesAreVisible(n);
  }

  @Override
  public boolean ownDeletesAreVisible(int n) throws java.sql.SQLException {
    return delegate().ownDeletesAreVisible(n);
  }

  @Override
  public boolean ownInsertsAreVisible(int n) throws java.sql.SQLException {
    return delegate().ownInsertsAreVisible(n);
  }

  @Override
  public boolean ownUpdatesAreVisible(int n) throws java.sql.SQLException {
    return delegate().ownUpdatesAreVisible(n);
  }

  @Override
  public boolean storesLowerCaseIdentifiers() throws java.sql.SQLException {
    return delegate().storesLowerCaseIdentifiers();
  }

  @Override
  public boolean storesLowerCaseQuotedIdentifiers() throws java.sql.SQLException {
    return delegate().storesLowerCaseQuotedIdentifiers();
  }

  @Override
  public boolean storesMixedCaseIdentifiers() throws java.sql.SQLException {
    return delegate().storesMixedCaseIdentifiers();
  }

  @Override
  public boolean storesMixedCaseQuotedIdentifiers() throws java.sql.SQLException {
    return delegate().storesMixedCaseQuotedIdentifiers();
  }

  @Override
  public boolean storesUpperCaseIdentifiers() throws java.sql.SQLException {
    return delegate().storesUpperCaseIdentifiers();
  }

  @Override
  public boolean storesUpperCaseQuotedIdentifiers() throws java.sql.SQLException {
    return delegate().storesUpperCaseQuotedIdentifiers();
  }

  @Override
  public boolean supportsANSI92EntryLevelSQL() throws java.sql.SQLException {
    return delegate().supportsANSI92EntryLevelSQL();
  }

  @Override
  public boolean supportsANSI92FullSQL() throws java.sql.SQLException {
    return delegate().supportsANSI92FullSQL();
  }

  @Override
  public boolean supportsANSI92IntermediateSQL() throws java.sql.SQLException {
    return delegate().supportsANSI92IntermediateSQL();
  }

  @Override
  public boolean supportsAlterTableWithAddColumn() throws java.sql.SQLException {
    return delegate().supportsAlterTableWithAddColumn();
  }

  @Override
  public boolean supportsAlterTableWithDropColumn() throws java.sql.SQLException {
    return delegate().supportsAlterTableWithDropColumn();
  }

  @Override
  public boolean supportsBatchUpdates() throws java.sql.SQLException {
    return delegate().supportsBatchUpdates();
  }

  @Override
  public boolean supportsCatalogsInDataManipulation() throws java.sql.SQLException {
    return delegate().supportsCatalogsInDataManipulation();
  }

  @Override
  public boolean supportsCatalogsInIndexDefinitions() throws java.sql.SQLException {
    return delegate().supportsCatalogsInIndexDefinitions();
  }

  @Override
  public boolean supportsCatalogsInPrivilegeDefinitions() throws java.sql.SQLException {
    return delegate().supportsCatalogsInPrivilegeDefinitions();
  }

  @Override
  public boolean supportsCatalogsInProcedureCalls() throws java.sql.SQLException {
    return delegate().supportsCatalogsInProcedureCalls();
  }

  @Override
  public boolean supportsCatalogsInTableDefinitions() throws java.sql.SQLException {
    return delegate().supportsCatalogsInTableDefinitions();
  }

  @Override
  public boolean supportsColumnAliasing() throws java.sql.SQLException {
    return delegate().supportsColumnAliasing();
  }

  @Override
  public boolean supportsConvert() throws java.sql.SQLException {
    return delegate().supportsConvert();
  }

  @Override
  public boolean supportsConvert(int n1, int n2) throws java.sql.SQLException {
    return delegate().supportsConvert(n1, n2);
  }

  @Override
  public boolean supportsCoreSQLGrammar() throws java.sql.SQLException {
    return delegate().supportsCoreSQLGrammar();
  }

  @Override
  public boolean supportsCorrelatedSubqueries() throws java.sql.SQLException {
    return delegate().supportsCorrelatedSubqueries();
  }

  @Override
  public boolean supportsDataDefinitionAndDataManipulationTransactions()
      throws java.sql.SQLException {
    return delegate().supportsDataDefinitionAndDataManipulationTransactions();
  }

  @Override
  public boolean supportsDataManipulationTransactionsOnly() throws java.sql.SQLException {
    return delegate().supportsDataManipulationTransactionsOnly();
  }

  @Override
  public boolean supportsDifferentTableCorrelationNames() throws java.sql.SQLException {
    return delegate().supportsDifferentTableCorrelationNames();
  }

  @Override
  public boolean supportsExpressionsInOrderBy() throws java.sql.SQLException {
    return delegate().supportsExpressionsInOrderBy();
  }

  @Override
  public boolean supportsExtendedSQLGrammar() throws java.sql.SQLException {
    return delegate().supportsExtendedSQLGrammar();
  }

  @Override
  public boolean supportsFullOuterJoins() throws java.sql.SQLException {
    return delegate().supportsFullOuterJoins();
  }

  @Override
  public boolean supportsGetGeneratedKeys() throws java.sql.SQLException {
    return delegate().supportsGetGeneratedKeys();
  }

  @Override
  public boolean supportsGroupBy() throws java.sql.SQLException {
    return delegate().supportsGroupBy();
  }

  @Override
  public boolean supportsGroupByBeyondSelect() throws java.sql.SQLException {
    return delegate().supportsGroupByBeyondSelect();
  }

  @Override
  public boolean supportsGroupByUnrelated() throws java.sql.SQLException {
    return delegate().supportsGroupByUnrelated();
  }

  @Override
  public boolean supportsIntegrityEnhancementFacility() throws java.sql.SQLException {
    return delegate().supportsIntegrityEnhancementFacility();
  }

  @Override
  public boolean supportsLikeEscapeClause() throws java.sql.SQLException {
    return delegate().supportsLikeEscapeClause();
  }

  @Override
  public boolean supportsLimitedOuterJoins() throws java.sql.SQLException {
    return delegate().supportsLimitedOuterJoins();
  }

  @Override
  public boolean supportsMinimumSQLGrammar() throws java.sql.SQLException {
    return delegate().supportsMinimumSQLGrammar();
  }

  @Override
  public boolean supportsMixedCaseIdentifiers() throws java.sql.SQLException {
    return delegate().supportsMixedCaseIdentifiers();
  }

  @Override
  public boolean supportsMixedCaseQuotedIdentifiers() throws java.sql.SQLException {
    return delegate().supportsMixedCaseQuotedIdentifiers();
  }

  @Override
  public boolean supportsMultipleOpenResults() throws java.sql.SQLException {
    return delegate().supportsMultipleOpenResults();
  }

  @Override
  public boolean supportsMultipleResultSets() throws java.sql.SQLException {
    return delegate().supportsMultipleResultSets();
  }

  @Override
  public boolean supportsMultipleTransactions() throws java.sql.SQLException {
    return delegate().supportsMultipleTransactions();
  }

  @Override
  public boolean supportsNamedParameters() throws java.sql.SQLException {
    return delegate().supportsNamedParameters();
  }

  @Override
  public boolean supportsNonNullableColumns() throws java.sql.SQLException {
    return delegate().supportsNonNullableColumns();
  }

  @Override
  public boolean supportsOpenCursorsAcrossCommit() throws java.sql.SQLException {
    return delegate().supportsOpenCursorsAcrossCommit();
  }

  @Override
  public boolean supportsOpenCursorsAcrossRollback() throws java.sql.SQLException {
    return delegate().supportsOpenCursorsAcrossRollback();
  }

  @Override
  public boolean supportsOpenStatementsAcrossCommit() throws java.sql.SQLException {
    return delegate().supportsOpenStatementsAcrossCommit();
  }

  @Override
  public boolean supportsOpenStatementsAcrossRollback() throws java.sql.SQLException {
    return delegate().supportsOpenStatementsAcrossRollback();
  }

  @Override
  public boolean supportsOrderByUnrelated() throws java.sql.SQLException {
    return delegate().supportsOrderByUnrelated();
  }

  @Override
  public boolean supportsOuterJoins() throws java.sql.SQLException {
    return delegate().supportsOuterJoins();
  }

  @Override
  public boolean supportsPositionedDelete() throws java.sql.SQLException {
    return delegate().supportsPositionedDelete();
  }

  @Override
  public boolean supportsPositionedUpdate() throws java.sql.SQLException {
    return delegate().supportsPositionedUpdate();
  }

  @Override
  public boolean supportsRefCursors() throws java.sql.SQLException {
    return delegate().supportsRefCursors();
  }

  @Override
  public boolean supportsResultSetConcurrency(int n1, int n2) throws java.sql.SQLException {
    return delegate().supportsResultSetConcurrency(n1, n2);
  }

  @Override
  public boolean supportsResultSetHoldability(int n) throws java.sql.SQLException {
    return delegate().supportsResultSetHoldability(n);
  }

  @Override
  public boolean supportsResultSetType(int n) throws java.sql.SQLException {
    return delegate().supportsResultSetType(n);
  }

  @Override
  public boolean supportsSavepoints() throws java.sql.SQLException {
    return delegate().supportsSavepoints();
  }

  @Override
  public boolean supportsSchemasInDataManipulation() throws java.sql.SQLException {
    return delegate().supportsSchemasInDataManipulation();
  }

  @Override
  public boolean supportsSchemasInIndexDefinitions() throws java.sql.SQLException {
    return delegate().supportsSchemasInIndexDefinitions();
  }

  @Override
  public boolean supportsSchemasInPrivilegeDefinitions() throws java.sql.SQLException {
    return delegate().supportsSchemasInPrivilegeDefinitions();
  }

  @Override
  public boolean supportsSchemasInProcedureCalls() throws java.sql.SQLException {
    return delegate().supportsSchemasInProcedureCalls();
  }

  @Override
  public boolean supportsSchemasInTableDefinitions() throws java.sql.SQLException {
    return delegate().supportsSchemasInTableDefinitions();
  }

  @Override
  public boolean supportsSelectForUpdate() throws java.sql.SQLException {
    return delegate().supportsSelectForUpdate();
  }

  @Override
  public boolean supportsSharding() throws java.sql.SQLException {
    return delegate().supportsSharding();
  }

  @Override
  public boolean supportsStatementPooling() throws java.sql.SQLException {
    return delegate().supportsStatementPooling();
  }

  @Override
  public boolean supportsStoredFunctionsUsingCallSyntax() throws java.sql.SQLException {
    return delegate().supportsStoredFunctionsUsingCallSyntax();
  }

  @Override
  public boolean supportsStoredProcedures() throws java.sql.SQLException {
    return delegate().supportsStoredProcedures();
  }

  @Override
  public boolean supportsSubqueriesInComparisons() throws java.sql.SQLException {
    return delegate().supportsSubqueriesInComparisons();
  }

  @Override
  public boolean supportsSubqueriesInExists() throws java.sql.SQLException {
    return delegate().supportsSubqueriesInExists();
  }

  @Override
  public boolean supportsSubqueriesInIns() throws java.sql.SQLException {
    return delegate().supportsSubqueriesInIns();
  }

  @Override
  public boolean supportsSubqueriesInQuantifieds() throws java.sql.SQLException {
    return delegate().supportsSubqueriesInQuantifieds();
  }

  @Override
  public boolean supportsTableCorrelationNames() throws java.sql.SQLException {
    return delegate().supportsTableCorrelationNames();
  }

  @Override
  public boolean supportsTransactionIsolationLevel(int n) throws java.sql.SQLException {
    return delegate().supportsTransactionIsolationLevel(n);
  }

  @Override
  public boolean supportsTransactions() throws java.sql.SQLException {
    return delegate().supportsTransactions();
  }

  @Override
  public boolean supportsUnion() throws java.sql.SQLException {
    return delegate().supportsUnion();
  }

  @Override
  public boolean supportsUnionAll() throws java.sql.SQLException {
    return delegate().supportsUnionAll();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws java.sql.SQLException {
    return delegate().unwrap(type);
  }

  @Override
  public boolean updatesAreDetected(int n) throws java.sql.SQLException {
    return delegate().updatesAreDetected(n);
  }

  @Override
  public boolean usesLocalFilePerTable() throws java.sql.SQLException {
    return delegate().usesLocalFilePerTable();
  }

  @Override
  public boolean usesLocalFiles() throws java.sql.SQLException {
    return delegate().usesLocalFiles();
  }
}
