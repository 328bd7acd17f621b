package dev.veil.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Veil's wrappers sit on a security boundary: a JDBC method left to an interface default, or
 * forwarded to the wrong delegate method, would silently bypass encryption or hand out the raw
 * objects. Every expectation is computed by reflection over {@code java.sql}, so a method added to
 * JDBC fails these tests until the wrappers handle it.
 */
class ForwardingWrappersTest {

  /** The seed of the value a recording delegate returns, distinct from any argument's seed. */
  private static final int RESULT_SEED = 42;

  private static final Set<Class<?>> FORWARDING_CLASSES =
      Set.of(
          ForwardingConnection.class,
          ForwardingStatement.class,
          ForwardingPreparedStatement.class,
          ForwardingCallableStatement.class,
          ForwardingResultSet.class,
          ForwardingResultSetMetaData.class,
          ForwardingDatabaseMetaData.class);

  private static final List<Subject<?>> SUBJECTS =
      List.of(
          new Subject<>(
              ForwardingConnection.class,
              Connection.class,
              d ->
                  new ForwardingConnection() {
                    @Override
                    protected Connection delegate() {
                      return d;
                    }
                  }),
          new Subject<>(
              ForwardingStatement.class,
              Statement.class,
              d ->
                  new ForwardingStatement() {
                    @Override
                    protected Statement delegate() {
                      return d;
                    }
                  }),
          new Subject<>(
              ForwardingPreparedStatement.class,
              PreparedStatement.class,
              d ->
                  new ForwardingPreparedStatement() {
                    @Override
                    protected PreparedStatement delegate() {
                      return d;
                    }
                  }),
          new Subject<>(
              ForwardingCallableStatement.class,
              CallableStatement.class,
              d ->
                  new ForwardingCallableStatement() {
                    @Override
                    protected CallableStatement delegate() {
                      return d;
                    }
                  }),
          new Subject<>(
              ForwardingResultSet.class,
              ResultSet.class,
              d ->
                  new ForwardingResultSet() {
                    @Override
                    protected ResultSet delegate() {
                      return d;
                    }
                  }),
          new Subject<>(
              ForwardingResultSetMetaData.class,
              ResultSetMetaData.class,
              d ->
                  new ForwardingResultSetMetaData() {
                    @Override
                    protected ResultSetMetaData delegate() {
                      return d;
                    }
                  }),
          new Subject<>(
              ForwardingDatabaseMetaData.class,
              DatabaseMetaData.class,
              d ->
                  new ForwardingDatabaseMetaData() {
                    @Override
                    protected DatabaseMetaData delegate() {
                      return d;
                    }
                  }));

  // Completeness: nothing is left to an interface default (or redeclared abstract).

  @Test
  void forwardingConnectionOverridesEveryConnectionMethod() {
    assertThat(notForwarded(ForwardingConnection.class, Connection.class)).isEmpty();
  }

  @Test
  void forwardingStatementOverridesEveryStatementMethod() {
    assertThat(notForwarded(ForwardingStatement.class, Statement.class)).isEmpty();
  }

  @Test
  void forwardingPreparedStatementOverridesEveryPreparedStatementMethod() {
    assertThat(notForwarded(ForwardingPreparedStatement.class, PreparedStatement.class)).isEmpty();
  }

  @Test
  void forwardingCallableStatementOverridesEveryCallableStatementMethod() {
    assertThat(notForwarded(ForwardingCallableStatement.class, CallableStatement.class)).isEmpty();
  }

  @Test
  void forwardingResultSetOverridesEveryResultSetMethod() {
    assertThat(notForwarded(ForwardingResultSet.class, ResultSet.class)).isEmpty();
  }

  @Test
  void forwardingResultSetMetaDataOverridesEveryResultSetMetaDataMethod() {
    assertThat(notForwarded(ForwardingResultSetMetaData.class, ResultSetMetaData.class)).isEmpty();
  }

  @Test
  void forwardingDatabaseMetaDataOverridesEveryDatabaseMetaDataMethod() {
    assertThat(notForwarded(ForwardingDatabaseMetaData.class, DatabaseMetaData.class)).isEmpty();
  }

  // Correctness: each override calls the same method on the delegate, with the same arguments,
  // and returns what the delegate returned.

  @TestFactory
  Stream<DynamicContainer> everyForwardingMethodCallsTheSameDelegateMethodWithTheSameArguments() {
    return SUBJECTS.stream()
        .map(
            subject ->
                dynamicContainer(
                    subject.forwarding().getSimpleName(),
                    interfaceMethods(subject.api()).stream()
                        .map(method -> forwardingTest(subject, method))));
  }

  private static <T> DynamicTest forwardingTest(Subject<T> subject, Method method) {
    return dynamicTest(describe(method), () -> assertForwards(subject, method));
  }

  private static <T> void assertForwards(Subject<T> subject, Method method) throws Throwable {
    Recorder recorder = new Recorder();
    T delegate =
        subject
            .api()
            .cast(
                Proxy.newProxyInstance(
                    ForwardingWrappersTest.class.getClassLoader(),
                    new Class<?>[] {subject.api()},
                    recorder));
    T forwarding = subject.wrap().apply(delegate);
    Class<?>[] parameterTypes = method.getParameterTypes();
    Object[] arguments = new Object[parameterTypes.length];
    for (int i = 0; i < arguments.length; i++) {
      // Distinct values per position, so that swapped arguments are caught too.
      arguments[i] = sample(parameterTypes[i], i + 1);
    }

    Object result;
    try {
      result = method.invoke(forwarding, arguments);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }

    assertThat(recorder.calls).as("calls reaching the delegate").hasSize(1);
    Call call = recorder.calls.get(0);
    assertThat(call.method().getName()).as("delegate method").isEqualTo(method.getName());
    assertThat(call.method().getParameterTypes())
        .as("delegate method parameters")
        .containsExactly(parameterTypes);
    assertThat(call.arguments()).as("delegate arguments").hasSameSizeAs(arguments);
    for (int i = 0; i < arguments.length; i++) {
      assertSameValue(parameterTypes[i], call.arguments().get(i), arguments[i], "argument " + i);
    }
    assertSameValue(method.getReturnType(), result, call.result(), "result");
  }

  /** Primitives are re-boxed on their way through, so only references can be held to identity. */
  private static void assertSameValue(Class<?> type, Object actual, Object expected, String what) {
    if (type.isPrimitive()) {
      assertThat(actual).as(what).isEqualTo(expected);
    } else {
      assertThat(actual).as(what).isSameAs(expected);
    }
  }

  // The Veil wrappers themselves: each must declare (not inherit a plain forward of) every method
  // through which protected data, unanalysed SQL or a raw JDBC object could pass.

  @Test
  void veilPreparedStatementInterceptsEveryParameterSetter() {
    assertThat(notDeclared(VeilPreparedStatement.class, parameterSetters())).isEmpty();
  }

  @Test
  void veilPreparedStatementInterceptsSqlStringsResultsAndItsConnection() {
    List<Method> expected = new ArrayList<>(sqlTakingStatementMethods());
    expected.addAll(
        methodsNamed(
            PreparedStatement.class,
            "clearParameters",
            "executeQuery",
            "getResultSet",
            "getGeneratedKeys",
            "getMetaData",
            "getConnection",
            "unwrap",
            "isWrapperFor"));
    assertThat(notDeclared(VeilPreparedStatement.class, expected)).isEmpty();
  }

  @Test
  void veilCallableStatementInterceptsSqlStringsResultsAndItsConnection() {
    List<Method> expected = new ArrayList<>(sqlTakingStatementMethods());
    expected.addAll(
        methodsNamed(
            CallableStatement.class,
            "executeQuery",
            "getResultSet",
            "getGeneratedKeys",
            "getConnection",
            "unwrap",
            "isWrapperFor"));
    assertThat(notDeclared(VeilCallableStatement.class, expected)).isEmpty();
  }

  @Test
  void veilResultSetInterceptsEveryColumnGetter() {
    List<Method> getters =
        Arrays.stream(ResultSet.class.getMethods())
            .filter(m -> m.getName().startsWith("get") && m.getParameterCount() > 0)
            .filter(
                m ->
                    m.getParameterTypes()[0] == int.class
                        || m.getParameterTypes()[0] == String.class)
            .collect(Collectors.toList());
    assertThat(notDeclared(VeilResultSet.class, getters)).isEmpty();
  }

  @Test
  void veilResultSetInterceptsItsMetaDataStatementAndUnwrap() {
    List<Method> expected =
        methodsNamed(ResultSet.class, "getMetaData", "getStatement", "unwrap", "isWrapperFor");
    assertThat(notDeclared(VeilResultSet.class, expected)).isEmpty();
  }

  @Test
  void veilDatabaseMetaDataWrapsEveryResultSetAndItsConnection() {
    List<Method> expected =
        Arrays.stream(DatabaseMetaData.class.getMethods())
            .filter(m -> m.getReturnType() == ResultSet.class)
            .collect(Collectors.toCollection(ArrayList::new));
    expected.addAll(
        methodsNamed(DatabaseMetaData.class, "getConnection", "unwrap", "isWrapperFor"));
    assertThat(notDeclared(VeilDatabaseMetaData.class, expected)).isEmpty();
  }

  @Test
  void veilStatementInterceptsSqlStringsResultsAndItsConnection() {
    List<Method> expected = new ArrayList<>(sqlTakingStatementMethods());
    expected.addAll(
        methodsNamed(
            Statement.class,
            "getResultSet",
            "getGeneratedKeys",
            "getMoreResults",
            "getUpdateCount",
            "getLargeUpdateCount",
            "getConnection",
            "close",
            "unwrap",
            "isWrapperFor"));
    assertThat(notDeclared(VeilStatement.class, expected)).isEmpty();
  }

  /**
   * The setters that take a parameter index. Only those declared by {@link PreparedStatement}
   * itself: {@code Statement.setMaxRows(int)} and its like take an int too, but it is an option,
   * not an index.
   */
  private static List<Method> parameterSetters() {
    return Arrays.stream(PreparedStatement.class.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
        .filter(m -> m.getName().startsWith("set") && m.getParameterCount() > 0)
        .filter(m -> m.getParameterTypes()[0] == int.class)
        .collect(Collectors.toList());
  }

  /**
   * The {@link Statement} methods that send their string to the database as SQL. The enquote
   * helpers, {@code isSimpleIdentifier} and {@code setCursorName} take a string but never run it.
   */
  private static List<Method> sqlTakingStatementMethods() {
    return Arrays.stream(Statement.class.getMethods())
        .filter(m -> m.getParameterCount() > 0 && m.getParameterTypes()[0] == String.class)
        .filter(m -> m.getName().startsWith("execute") || m.getName().equals("addBatch"))
        .collect(Collectors.toList());
  }

  /** Every overload of each name; a name that matches nothing is a mistake in the test. */
  private static List<Method> methodsNamed(Class<?> api, String... names) {
    List<Method> found = new ArrayList<>();
    for (String name : names) {
      List<Method> overloads =
          interfaceMethods(api).stream()
              .filter(m -> m.getName().equals(name))
              .collect(Collectors.toList());
      assertThat(overloads).as("%s methods named %s", api.getSimpleName(), name).isNotEmpty();
      found.addAll(overloads);
    }
    return found;
  }

  /** The methods of {@code forwarding} that do not forward: abstract or left to the interface. */
  private static List<String> notForwarded(Class<?> forwarding, Class<?> api) {
    List<String> missing = new ArrayList<>();
    for (Method method : interfaceMethods(api)) {
      Method implementation;
      try {
        implementation = forwarding.getMethod(method.getName(), method.getParameterTypes());
      } catch (NoSuchMethodException e) {
        throw new AssertionError(forwarding.getSimpleName() + " lacks " + describe(method), e);
      }
      Class<?> owner = implementation.getDeclaringClass();
      if (!FORWARDING_CLASSES.contains(owner)
          || Modifier.isAbstract(implementation.getModifiers())) {
        missing.add(describe(method) + " is left to " + owner.getName());
      }
    }
    return missing;
  }

  /**
   * The descriptions of the {@code expected} methods that {@code wrapper} does not declare in its
   * source. Bridges do not count: javac gives a public class a synthetic bridge for each public
   * method it inherits from a package-private superclass (as every Forwarding class is), and that
   * bridge merely calls the plain forward.
   */
  private static List<String> notDeclared(Class<?> wrapper, Collection<Method> expected) {
    Set<String> missing = new TreeSet<>();
    for (Method method : expected) {
      try {
        Method declared = wrapper.getDeclaredMethod(method.getName(), method.getParameterTypes());
        if (declared.isBridge()
            || declared.isSynthetic()
            || Modifier.isAbstract(declared.getModifiers())) {
          missing.add(describe(method));
        }
      } catch (NoSuchMethodException e) {
        missing.add(describe(method));
      }
    }
    return new ArrayList<>(missing);
  }

  /**
   * The public instance methods of an interface, inherited and default ones included, one per
   * signature, in a stable order so that dynamic test names do not move between runs.
   */
  private static List<Method> interfaceMethods(Class<?> api) {
    return new ArrayList<>(
        Arrays.stream(api.getMethods())
            .filter(m -> !Modifier.isStatic(m.getModifiers()))
            .collect(
                Collectors.toMap(
                    ForwardingWrappersTest::describe, m -> m, (a, b) -> a, TreeMap::new))
            .values());
  }

  private static String describe(Method method) {
    return method.getName()
        + Arrays.stream(method.getParameterTypes())
            .map(Class::getSimpleName)
            .collect(Collectors.joining(", ", "(", ")"));
  }

  /**
   * A recognisable value of a type: distinct per seed for primitives and strings, a fresh instance
   * for arrays, objects and interfaces (so identity can be checked), and {@code null} for other
   * classes (streams, dates, URLs), whose identity no forwarding method could confuse.
   */
  private static Object sample(Class<?> type, int seed) {
    if (type == void.class) {
      return null;
    } else if (type == boolean.class) {
      return seed % 2 == 0;
    } else if (type == byte.class) {
      return (byte) seed;
    } else if (type == short.class) {
      return (short) seed;
    } else if (type == char.class) {
      return (char) ('a' + seed);
    } else if (type == int.class) {
      return seed;
    } else if (type == long.class) {
      return 1000L + seed;
    } else if (type == float.class) {
      return seed + 0.5f;
    } else if (type == double.class) {
      return seed + 0.25;
    } else if (type == String.class) {
      return "value" + seed;
    } else if (type.isArray()) {
      return Array.newInstance(type.getComponentType(), 1);
    } else if (type == Object.class) {
      return new Object();
    } else if (type.isInterface()) {
      return Proxy.newProxyInstance(
          ForwardingWrappersTest.class.getClassLoader(),
          new Class<?>[] {type},
          (proxy, method, args) ->
              method.getDeclaringClass() == Object.class
                  ? objectMethod(proxy, method, args, type.getSimpleName() + "#" + seed)
                  : zero(method.getReturnType()));
    }
    return null;
  }

  private static Object zero(Class<?> type) {
    return type.isPrimitive() && type != void.class
        ? Array.get(Array.newInstance(type, 1), 0)
        : null;
  }

  /** Identity semantics for the {@link Object} methods of a proxy, which reach its handler too. */
  private static Object objectMethod(Object proxy, Method method, Object[] args, String name) {
    switch (method.getName()) {
      case "equals":
        return proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      default:
        return name;
    }
  }

  /** A forwarding class, the interface it forwards, and how to wrap a delegate in it. */
  private record Subject<T>(Class<?> forwarding, Class<T> api, UnaryOperator<T> wrap) {}

  /** One call that reached a recording delegate, and what the delegate returned. */
  private record Call(Method method, List<Object> arguments, Object result) {}

  /** A delegate that records every call and answers each with a fresh {@link #sample}. */
  private static final class Recorder implements InvocationHandler {
    private final List<Call> calls = new ArrayList<>();

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
      if (method.getDeclaringClass() == Object.class) {
        return objectMethod(proxy, method, args, "recording delegate");
      }
      Object result = sample(method.getReturnType(), RESULT_SEED);
      // Arrays.asList, unlike List.of, keeps null arguments.
      calls.add(new Call(method, args == null ? List.of() : Arrays.asList(args), result));
      return result;
    }
  }
}
