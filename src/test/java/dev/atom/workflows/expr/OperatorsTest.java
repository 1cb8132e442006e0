package dev.atom.workflows.expr;

import static dev.atom.workflows.expr.ExprFixture.errorOf;
import static dev.atom.workflows.expr.ExprFixture.value;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OperatorsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '`', textBlock = """
            trigger.body.msg                 | "hi"
            trigger.body.nested.deep.x       | 1
            trigger.body["odd key"]          | "odd"
            trigger.body['nested']['deep']   | {"x":1}
            items[0].name                    | "apple"
            items[-1].name                   | "fig"
            items[3].name                    | null
            items[1 + 1].qty                 | 7
            trigger.body.tags[0]             | "a"
            trigger.body.msg.length          | null
            trigger.body.msg[0]              | null
            nothing.at.all                   | null
            trigger.body.none.deeper         | null
            trigger.body[trigger.body.tags]  | null
            trigger.in                       | null
            emoji                            | "héllo 👋"
            """)
    void pathsReadTheContextAndMissingIsNull(String expr, String json) throws ExpressionException {
        assertThat(value(expr)).isEqualTo(json);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '`', textBlock = """
            1 + 2                      | 3
            0.1 + 0.2                  | 0.3
            trigger.body.price * 3     | 59.97
            19.99 * 100                | 1999
            7 - 10                     | -3
            -trigger.body.n            | -42
            - -3                       | 3
            7 / 2                      | 3.5
            8 / 2                      | 4
            1 / 3                      | 0.3333333333333333333333333333333333
            7 % 3                      | 1
            -7 % 3                     | -1
            5.5 % 2                    | 1.5
            2 + 3 * 4                  | 14
            (2 + 3) * 4                | 20
            10 - 2 - 3                 | 5
            9223372036854775807 + 1    | 9223372036854775808
            9223372036854775807 * 10   | 92233720368547758070
            -9223372036854775807 - 2   | -9223372036854775809
            1e2                        | 100
            1.5e-3                     | 0.0015
            'a' + 'b'                  | "ab"
            'n=' + 42                  | "n=42"
            1 + '1'                    | "11"
            'x' + null                 | "x"
            'l' + [1, 2]               | "l[1,2]"
            [1] + [2, 3]               | [1,2,3]
            null + 1                   | null
            trigger.body.missing * 2   | null
            """)
    void arithmeticIsExactDecimal(String expr, String json) throws ExpressionException {
        assertThat(value(expr)).isEqualTo(json);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '`', textBlock = """
            1 == 1                       | true
            1 == 1.0                     | true
            42 == '42'                   | true
            '42' == 42.0                 | true
            trigger.body.s42 == trigger.body.n | true
            'abc' == 1                   | false
            'a' == 'a'                   | true
            'a' == 'A'                   | false
            null == null                 | true
            trigger.body.missing == null | true
            trigger.body.none == nothing | true
            0 == null                    | false
            '' == null                   | false
            false == 0                   | false
            true == true                 | true
            [1, 'a'] == [1.0, 'a']       | true
            {a: 1, b: [2]} == {b: [2], a: 1} | true
            {a: 1} == {a: 1, b: 2}       | false
            1 != 2                       | true
            'x' != 'x'                   | false
            2 < 10                       | true
            '2' < '10'                   | false
            '10' > 9                     | true
            2 <= 2                       | true
            3 >= 4                       | false
            'b' > 'a'                    | true
            'é' > 'z'                    | true
            false < true                 | true
            null < 1                     | false
            null >= null                 | false
            trigger.body.missing > 0     | false
            """)
    void comparisons(String expr, String json) throws ExpressionException {
        assertThat(value(expr)).isEqualTo(json);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '`', textBlock = """
            true && false                   | false
            true and true                   | true
            false || true                   | true
            false or false                  | false
            !true                           | false
            not 0                           | true
            !''                             | true
            ![]                             | true
            !{}                             | true
            !'0'                            | false
            !trigger.body.missing           | true
            !!trigger.body.tags             | true
            not trigger.body.flag           | false
            false && (1 / 0)                | false
            true || (1 / 0)                 | true
            1 < 2 && 2 < 3 || false         | true
            true || false && false          | true
            trigger.body.flag ? 'y' : 'n'   | "y"
            0 ? 'y' : 'n'                   | "n"
            false ? 1 : true ? 2 : 3        | 2
            trigger.body.n > 10 ? 'big' : 'small' | "big"
            trigger.body.missing ?? 'dflt'  | "dflt"
            trigger.body.none ?? 5          | 5
            trigger.body.msg ?? 'dflt'      | "hi"
            false ?? 'dflt'                 | false
            '' ?? 'dflt'                    | ""
            a ?? b ?? 'c'                   | "c"
            null ?? 1 + 1                   | 2
            'b' in trigger.body.tags        | true
            'z' in trigger.body.tags        | false
            'ell' in 'hello'                | true
            'msg' in trigger.body           | true
            'nope' in trigger.body          | false
            1 in [1.0, 2]                   | true
            'z' not in ['a']                | true
            'a' not in ['a']                | false
            'x' in null                     | false
            [1, 2 + 3, 'x']                 | [1,5,"x"]
            {a: 1, 'b c': [true], "d": null} | {"a":1,"b c":[true],"d":null}
            []                              | []
            {}                              | {}
            ((((1))))                       | 1
            """)
    void logicConditionalsMembershipAndLiterals(String expr, String json) throws ExpressionException {
        assertThat(value(expr)).isEqualTo(json);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '`', textBlock = """
            'a\\'b'            | "a'b"
            "a\\"b"            | "a\\"b"
            'tab\\there'       | "tab\\there"
            'line\\nnext'      | "line\\nnext"
            '\\u00e9\\u4e2d'   | "é中"
            'back\\\\slash'    | "back\\\\slash"
            "it's"             | "it's"
            '👋'               | "👋"
            """)
    void stringLiteralsWithEscapesAndUnicode(String expr, String json) throws ExpressionException {
        assertThat(value(expr)).isEqualTo(json);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '`', textBlock = """
            1 / 0                 | t: division by zero at column 6
            5 % 0                 | t: division by zero at column 6
            'a' * 2               | t: '*' needs numbers, got string and number at column 8
            true + 1              | t: '+' needs numbers, got boolean and number at column 9
            -'x'                  | t: '-' needs a number, got string at column 4
            'a' < 1               | t: cannot compare string with number using '<' at column 8
            [1] > [0]             | t: cannot compare list with list using '>' at column 8
            1 +                   | t: unexpected '}' at column 8
            a = 1                 | t: unexpected '=' (use '==' to compare) at column 6
            a # b                 | t: unexpected character '#' at column 6
            (1                    | t: unexpected '}', expected ')' at column 7
            [1, 2                 | t: unexpected '}', expected ',' at column 10
            {a 1}                 | t: unexpected number '1'?
            1 2                   | t: unexpected '2'?
            and                   | t: unexpected 'and' at column 4
            x.                    | t: unexpected '}', expected a field name at column 7
            'bad \\q'             | t: unknown escape '\\q' at column 9
            '\\u12'               | t: bad \\u escape (needs 4 hex digits) at column 5
            12abc                 | t: malformed number '12a' at column 4
            1e999999              | t: number out of range '1e999999' at column 4
            nope(1)               | t: unknown function 'nope' at column 4
            lower()               | t: function 'lower' takes 1 argument, got 0 at column 4
            lower('a', 'b')       | t: function 'lower' takes 1 argument, got 2 at column 4
            replace('a')          | t: function 'replace' takes 3 arguments, got 1 at column 4
            slice('a')            | t: function 'slice' takes 2 to 3 arguments, got 1 at column 4
            (1)(2)                | t: unexpected '(' at column 7
            trigger.getClass()    | t: unexpected '(' at column 20
            """)
    void badExpressionsGiveAPlainMessageWithTheColumn(String expr, String message) {
        String actual = errorOf(expr);
        if (message.endsWith("?")) {
            assertThat(actual).startsWith("t: unexpected");
        } else {
            assertThat(actual).isEqualTo(message);
        }
    }

    @Test
    void notIsASynonymOfBangAndBindsTightly() throws ExpressionException {
        assertThat(value("not 1 == 2")).isEqualTo("false");
        assertThat(value("not (1 == 2)")).isEqualTo("true");
        assertThat(value("!1 == false")).isEqualTo("true");
    }

    @Test
    void keywordsMayBeFieldNames() throws ExpressionException {
        assertThat(value("{in: 1, not: 2, and: 3}.in")).isEqualTo("1");
        assertThat(value("{'true': 1}['true']")).isEqualTo("1");
    }
}
