package dev.atom.workflows.expr;

import static dev.atom.workflows.expr.ExprFixture.errorOf;
import static dev.atom.workflows.expr.ExprFixture.value;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FunctionsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '`', textBlock = """
            lower('HeLLo É')                      | "hello é"
            upper('straße')                       | "STRASSE"
            lower(null)                           | null
            lower(42)                             | "42"
            trim('  a b \\n')                     | "a b"
            length('héllo 👋')                    | 7
            length(emoji)                         | 7
            length([1, 2, 3])                     | 3
            length({a: 1})                        | 1
            length(null)                          | 0
            contains('hello', 'ell')              | true
            contains(trigger.body.tags, 'b')      | true
            contains([1, 2], '2')                 | true
            contains({a: 1}, 'a')                 | true
            contains(null, 'a')                   | false
            startsWith('hello', 'he')             | true
            startsWith(null, 'he')                | false
            endsWith('hello', 'lo')               | true
            replace('a-b-c', '-', '+')            | "a+b+c"
            replace('a.b', '.', '')               | "ab"
            replace('aaa', '', 'x')               | "aaa"
            replace('x*y', '*', '\\\\')           | "x\\\\y"
            split('a,b,,c', ',')                  | ["a","b","","c"]
            split('ab👋', '')                      | ["a","b","👋"]
            split(null, ',')                      | []
            split('abc', 'x')                     | ["abc"]
            join(['a', 1, true, null], '-')       | "a-1-true-"
            join(['a', 'b'])                      | "ab"
            join([[1], {a: 2}], ';')              | "[1];{\\"a\\":2}"
            join(null, ',')                       | ""
            substring('hello', 1, 3)              | "el"
            substring('hello', 2)                 | "llo"
            substring('hello', -5, 2)             | "he"
            substring('hello', 3, 99)             | "lo"
            substring('👋ab', 0, 1)               | "👋"
            slice('hello', -3)                    | "llo"
            slice('hello', 1, -1)                 | "ell"
            slice([1, 2, 3, 4], 1, 3)             | [2,3]
            slice([1, 2, 3, 4], -2)               | [3,4]
            slice([1, 2], 5)                      | []
            toString(1.50)                        | "1.5"
            toString(true)                        | "true"
            toString(null)                        | ""
            toString([1, 'a'])                    | "[1,\\"a\\"]"
            toNumber('42')                        | 42
            toNumber(' -1.25 ')                   | -1.25
            toNumber('1e3')                       | 1000
            toNumber('abc')                       | null
            toNumber('')                          | null
            toNumber(7)                           | 7
            toNumber(true)                        | null
            json({a: [1, 'x'], b: null})          | "{\\"a\\":[1,\\"x\\"],\\"b\\":null}"
            json('s')                             | "\\"s\\""
            parseJson('{"a": [1, 2.5, "x"]}').a   | [1,2.5,"x"]
            fromJson('[1, 2]')[1]                 | 2
            parseJson('0.1') + parseJson('0.2')   | 0.3
            parseJson(null)                       | null
            urlEncode('a b&c=d/é+')               | "a%20b%26c%3Dd%2F%C3%A9%2B"
            base64Encode('hello é')               | "aGVsbG8gw6k="
            base64Decode('aGVsbG8gw6k=')          | "hello é"
            base64Decode('aGVsbG8')               | "hello"
            base64Decode('Pz8-')                  | "??>"
            base64Encode(null)                    | null
            """)
    void stringFunctions(String expr, String json) throws ExpressionException {
        assertThat(value(expr)).isEqualTo(json);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '`', textBlock = """
            first([1, 2, 3])                          | 1
            first([])                                 | null
            first('héllo')                            | "h"
            last([1, 2, 3])                           | 3
            last('ab👋')                              | "👋"
            last(null)                                | null
            pluck(items, 'name')                      | ["apple","pear","fig"]
            pluck(event.issue.labels, 'name')         | ["bug","ui"]
            pluck([{a: {b: 1}}, {a: 2}, 3], 'a.b')    | [1,null,null]
            where(items, 'qty', 0)                    | [{"name":"pear","qty":0,"price":0.2}]
            pluck(where(items, 'qty'), 'name')        | ["apple","fig"]
            where(items, 'name', 'nope')              | []
            where(null, 'a', 1)                       | []
            sum([1, 2, 3.5])                          | 6.5
            sum(pluck(items, 'price'))                | 1.55
            sum([])                                   | 0
            sum([1, null, 2])                         | 3
            min([3, 1, 2])                            | 1
            max([3, 1, 2])                            | 3
            max(4, 9, 2)                              | 9
            min(['b', 'a'])                           | "a"
            max([])                                   | null
            min([null, 5])                            | 5
            sort([3, 1, 2])                           | [1,2,3]
            sort(['b', 'C', 'a'])                     | ["C","a","b"]
            sort([2, null, 1])                        | [1,2,null]
            pluck(sort(items, 'qty'), 'name')         | ["pear","apple","fig"]
            sort(null)                                | []
            unique([1, 2, 1, 'a', 'a', [1], [1]])     | [1,2,"a",[1]]
            unique([1, 1.0])                          | [1]
            flatten([[1, 2], 3, [[4]]])               | [1,2,3,[4]]
            range(3)                                  | [0,1,2]
            range(2, 5)                               | [2,3,4]
            range(10, 0, -3)                          | [10,7,4,1]
            range(0, 5, 2)                            | [0,2,4]
            range(5, 0)                               | []
            range(0)                                  | []
            keys({a: 1, b: 2})                        | ["a","b"]
            values({a: 1, b: 'x'})                    | [1,"x"]
            keys(null)                                | []
            round(2.345, 2)                           | 2.35
            round(2.5)                                | 3
            round(-2.5)                               | -3
            round(1234, -2)                           | 1200
            floor(-1.5)                               | -2
            ceil(1.2)                                 | 2
            abs(-3.5)                                 | 3.5
            round(null)                               | null
            coalesce(null, trigger.body.missing, 0, 1) | 0
            coalesce(null)                            | null
            default('', 'x')                          | "x"
            default([], 'x')                          | "x"
            default(0, 'x')                           | 0
            default('v', 'x')                         | "v"
            isEmpty('')                               | true
            isEmpty(' ')                              | false
            isEmpty({})                               | true
            isEmpty(trigger.body.missing)             | true
            isEmpty(0)                                | false
            type(1)                                   | "number"
            type(1.5)                                 | "number"
            type('s')                                 | "string"
            type(true)                                | "boolean"
            type(null)                                | "null"
            type(nothing)                             | "null"
            type([])                                  | "list"
            type({})                                  | "object"
            """)
    void listNumberAndGeneralFunctions(String expr, String json) throws ExpressionException {
        assertThat(value(expr)).isEqualTo(json);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '`', textBlock = """
            now()                                                    | "2026-05-01T09:30:00Z"
            parseDate('2026-05-01T11:30:00+02:00')                   | "2026-05-01T09:30:00Z"
            parseDate('2026-05-01T09:30:00.250Z')                    | "2026-05-01T09:30:00.250Z"
            parseDate('2026-05-01')                                  | "2026-05-01T00:00:00Z"
            parseDate('2026-05-01T09:30')                            | "2026-05-01T09:30:00Z"
            parseDate('2026-05-01T09:30', null, 'Europe/Paris')      | "2026-05-01T07:30:00Z"
            parseDate('2026-05-01', null, 'America/New_York')        | "2026-05-01T04:00:00Z"
            parseDate(1700000000)                                    | "2023-11-14T22:13:20Z"
            parseDate('01/05/2026 14:05', 'dd/MM/yyyy HH:mm')        | "2026-05-01T14:05:00Z"
            parseDate('01/05/2026', 'dd/MM/yyyy', 'Asia/Tokyo')      | "2026-04-30T15:00:00Z"
            parseDate(null)                                          | null
            formatDate(now(), 'yyyy-MM-dd HH:mm')                    | "2026-05-01 09:30"
            formatDate(now(), 'EEE d MMM HH:mm VV', 'Europe/Berlin') | "Fri 1 May 11:30 Europe/Berlin"
            formatDate('2026-12-24', 'dd.MM.yyyy')                   | "24.12.2026"
            formatDate(null, 'yyyy')                                 | null
            addDuration(now(), 'PT2H')                               | "2026-05-01T11:30:00Z"
            addDuration(now(), 'P1D')                                | "2026-05-02T09:30:00Z"
            addDuration(now(), '-PT30M')                             | "2026-05-01T09:00:00Z"
            addDuration('2026-01-31', 'P1M')                         | "2026-02-28T00:00:00Z"
            addDuration(now(), 'P1DT1H')                             | "2026-05-02T10:30:00Z"
            addDuration('2026-03-28T12:00:00Z', 'P1D', 'Europe/Paris') | "2026-03-29T11:00:00Z"
            diff('2026-05-01T09:00:00Z', now())                      | 1800
            diff(now(), '2026-05-01T09:00:00Z')                      | -1800
            diff('2026-05-01T09:29:59.500Z', now())                  | 0.5
            diff(now(), addDuration(now(), 'P7D')) / 86400           | 7
            now() < addDuration(now(), 'PT1S')                       | true
            """)
    void dateFunctions(String expr, String json) throws ExpressionException {
        assertThat(value(expr)).isEqualTo(json);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " | ", quoteCharacter = '`', textBlock = """
            lower([1])                    | t: lower: argument 1 must be a string, got list at column 4
            sum(['a'])                    | t: sum: every element must be a number, found string at column 4
            sort([1, 'a'])                | t: sort: cannot order string with number at column 4
            max([{}])                     | t: max: cannot order object at column 4
            range(0, 10, 0)               | t: range: step must not be 0 at column 4
            range(1.5)                    | t: range: argument 1 must be a whole number, got number at column 4
            range('x')                    | t: range: argument 1 must be a number, got string at column 4
            substring('abc', 'x')         | t: substring: argument 2 must be a number, got string at column 4
            pluck('abc', 'x')             | t: pluck: argument 1 must be a list, got string at column 4
            keys([1])                     | t: keys: argument 1 must be an object, got list at column 4
            parseJson('{nope')            | t: parseJson: not valid JSON at column 4
            parseJson('[1] 2')            | t: parseJson: not valid JSON at column 4
            parseJson('1e99999')          | t: parseJson: number out of range at column 4
            base64Decode('%%%')           | t: base64Decode: not valid base64 at column 4
            parseDate('yesterday')        | t: parseDate: 'yesterday' is not an ISO-8601 date at column 4
            parseDate('2026-13-01')       | t: parseDate: '2026-13-01' is not an ISO-8601 date at column 4
            parseDate('5 May', 'dd/MM')   | t: parseDate: '5 May' does not match the pattern at column 4
            formatDate(now(), 'yyyy {')   | t: formatDate: bad date pattern 'yyyy {' at column 4
            formatDate(now(), 'yyyy', 'Mars/Olympus') | t: formatDate: unknown time zone 'Mars/Olympus' at column 4
            addDuration(now(), '2 hours') | t: addDuration: not an ISO-8601 duration like PT2H or P1D, or the date leaves the calendar at column 4
            addDuration(now(), 'PT9999999999999H') | t: addDuration: not an ISO-8601 duration like PT2H or P1D, or the date leaves the calendar at column 4
            round(1, 500)                 | t: round: argument 2 must be between -100 and 100 at column 4
            1 + lower([])                 | t: lower: argument 1 must be a string, got list at column 8
            """)
    void functionErrorsNameTheFunction(String expr, String message) {
        assertThat(errorOf(expr)).isEqualTo(message);
    }

    @Test
    void everyDocumentedFunctionIsOnTheAllowList() {
        assertThat(Expressions.functionNames())
                .contains(
                        "lower",
                        "upper",
                        "trim",
                        "length",
                        "contains",
                        "startsWith",
                        "endsWith",
                        "replace",
                        "split",
                        "join",
                        "substring",
                        "slice",
                        "toString",
                        "toNumber",
                        "json",
                        "parseJson",
                        "urlEncode",
                        "base64Encode",
                        "base64Decode",
                        "first",
                        "last",
                        "pluck",
                        "where",
                        "sum",
                        "min",
                        "max",
                        "sort",
                        "unique",
                        "flatten",
                        "range",
                        "now",
                        "parseDate",
                        "formatDate",
                        "addDuration",
                        "diff",
                        "coalesce",
                        "default",
                        "isEmpty",
                        "type")
                .doesNotContain("eval", "exec", "getClass", "matches", "regex");
    }
}
