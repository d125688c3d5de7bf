using System.Collections.Specialized;
using System.Linq;
using System.Management.Automation;
using System.Numerics;
using static LlamaCloud.Chat.Tests.Support.TestUtil;

namespace LlamaCloud.Chat.Tests.Serialization
{
    public class JsonToPowerShellTests
    {
        private static ToolCallEvent Call(string argumentsJson) =>
            Assert.IsType<ToolCallEvent>(One("{\"call_id\":\"c\",\"name\":\"n\",\"arguments\":" + argumentsJson + ",\"type\":\"tool_call\"}"));

        private static ToolResultEvent Result(string resultJson) =>
            Assert.IsType<ToolResultEvent>(One("{\"call_id\":\"c\",\"name\":\"n\",\"result\":" + resultJson + ",\"type\":\"tool_result\"}"));

        [Fact]
        public void ArgumentsBecomeAPSObjectWithNoteProperties()
        {
            var e = Call(Q("{'query':'q','top_k':5,'threshold':0.5,'exact':true,'none':null,'filters':{'a':[1,'x',null,false]}}"));
            var args = Assert.IsType<PSObject>(e.Arguments);
            Assert.Equal(new[] { "query", "top_k", "threshold", "exact", "none", "filters" }, args.Properties.Select(p => p.Name));
            Assert.All(args.Properties, p => Assert.IsType<PSNoteProperty>(p));
            Assert.Equal("q", P(args, "query"));
            Assert.IsType<long>(P(args, "top_k"));
            Assert.Equal(5L, P(args, "top_k"));
            Assert.IsType<double>(P(args, "threshold"));
            Assert.Equal(0.5, P(args, "threshold"));
            Assert.Equal(true, P(args, "exact"));
            Assert.Null(P(args, "none"));
            var a = Assert.IsType<object[]>(P(P(args, "filters"), "a"));
            Assert.Equal(new object?[] { 1L, "x", null, false }, a);
        }

        [Fact]
        public void NestedAccessIntoTheResult()
        {
            var e = Result(Q("{'nodes':[{'text':'t0','metadata':{'page':4,'file':'q3.pdf'}},{'text':'t1','metadata':{'page':9}}],'total':2}"));
            var nodes = Assert.IsType<object[]>(P(e.Result, "nodes"));
            Assert.Equal(2, nodes.Length);
            Assert.Equal(4L, P(P(nodes[0], "metadata"), "page"));
            Assert.Equal("q3.pdf", P(P(nodes[0], "metadata"), "file"));
            Assert.Equal(9L, P(P(nodes[1], "metadata"), "page"));
            Assert.Equal("t1", P(nodes[1], "text"));
            Assert.Equal(2L, P(e.Result, "total"));
        }

        [Theory]
        [InlineData("3", 3L)]
        [InlineData("-17", -17L)]
        [InlineData("0", 0L)]
        [InlineData("9223372036854775807", long.MaxValue)]
        [InlineData("-9223372036854775808", long.MinValue)]
        public void IntegersBecomeLong(string json, long expected)
        {
            var v = Result(json).Result;
            Assert.IsType<long>(v);
            Assert.Equal(expected, v);
        }

        [Theory]
        [InlineData("3.0", 3.0)]
        [InlineData("0.87", 0.87)]
        [InlineData("-2.5e-3", -0.0025)]
        [InlineData("1e2", 100.0)]
        [InlineData("1e308", 1e308)]
        public void FloatsAndIntegersOutOfRangeBecomeDouble(string json, double expected)
        {
            var v = Result(json).Result;
            Assert.IsType<double>(v);
            Assert.Equal(expected, (double)v!);
        }

        [Fact]
        public void ANumberBeyondDoubleRangeDoesNotThrow()
        {
            // Valid JSON; ConvertFrom-Json (PowerShell 7) gives Infinity. Reading .Result must never throw on data.
            var e = Result(Q("{'big':1e400}"));
            Assert.Equal("{\"big\":1e400}", e.ResultJson);
            var ex = Record.Exception(() => e.Result);
            Assert.Null(ex);
            Assert.Equal(double.PositiveInfinity, P(e.Result, "big"));
        }

        [Fact]
        public void ScalarAndArrayResults()
        {
            Assert.Equal("plain text", Result("\"plain text\"").Result);
            Assert.Equal(true, Result("true").Result);
            Assert.Null(Result("null").Result);
            Assert.Equal(new object[] { 1L, 2L, 3L }, Assert.IsType<object[]>(Result("[1,2,3]").Result));
            Assert.Empty(Assert.IsType<object[]>(Result("[]").Result));
            Assert.Empty(Assert.IsType<PSObject>(Result("{}").Result).Properties);
            var nested = Assert.IsType<object[]>(Result("[[1],[[]],{}]").Result);
            Assert.Equal(new object[] { 1L }, nested[0]);
            Assert.Empty(Assert.IsType<object[]>(Assert.IsType<object[]>(nested[1])[0]));
            Assert.IsType<PSObject>(nested[2]);
        }

        [Fact]
        public void DuplicateKeysKeepTheLastValueAndTheExactText()
        {
            var r = Result(Q("{'a':1,'b':2,'a':3}"));
            var o = Assert.IsType<System.Management.Automation.PSObject>(r.Result);
            Assert.Equal(3L, o.Properties["a"].Value);
            Assert.Equal(2L, o.Properties["b"].Value);
            Assert.Equal(Q("{'a':1,'b':2,'a':3}"), r.ResultJson);
        }

        [Fact]
        public void IntegersBeyondInt64BecomeBigInteger()
        {
            Assert.Equal(System.Numerics.BigInteger.Parse("9223372036854775808"), Result("9223372036854775808").Result);
        }

        [Fact]
        public void DeeplyNestedPayload()
        {
            const int depth = 100;
            var json = new string('[', depth) + "7" + new string(']', depth);
            object? v = Result(json).Result;
            for (var i = 0; i < depth; i++) v = Assert.Single(Assert.IsType<object[]>(v));
            Assert.Equal(7L, v);
        }

        [Fact]
        public void UnknownEventDataIsConvertedToo()
        {
            var u = Assert.IsType<UnknownEvent>(One(Q("{'type':'chart','points':[{'x':1,'y':2.5}]}")));
            var points = Assert.IsType<object[]>(P(u.Data, "points"));
            Assert.Equal(2.5, P(points[0], "y"));
            Assert.Equal(42L, Assert.IsType<UnknownEvent>(One("42")).Data);
        }

        private static object? ResultValue(string resultJson) =>
            ((ToolResultEvent)One("{\"call_id\":\"c\",\"name\":\"n\",\"result\":" + resultJson + ",\"type\":\"tool_result\"}")).Result;

        [Fact]
        public void AnEmptyKeyComesOutAsAnOrderedDictionary()
        {
            var d = Assert.IsType<OrderedDictionary>(ResultValue("{\"\":0,\"b\":\"x\"}"));
            Assert.Equal(2, d.Count);
            Assert.Equal(0L, d[""]);
            Assert.Equal("x", d["b"]);
        }

        [Fact]
        public void KeysThatDifferOnlyInCaseAreBothKept()
        {
            var d = Assert.IsType<OrderedDictionary>(ResultValue("{\"a\":1,\"A\":2}"));
            Assert.Equal(2, d.Count);
            Assert.Equal(1L, d["a"]);
            Assert.Equal(2L, d["A"]);
        }

        [Fact]
        public void ARepeatedKeyKeepsItsLastValueAtItsLastPlaceAsConvertFromJson()
        {
            // ConvertFrom-Json '{"a":1,"b":{"c":3},"a":2}' gives b, then a = 2.
            var o = Assert.IsType<PSObject>(ResultValue("{\"a\":1,\"b\":{\"c\":3},\"a\":2}"));
            Assert.Equal(new[] { "b", "a" }, System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(o.Properties, p => p.Name)));
            Assert.Equal(2L, P(o, "a"));
            Assert.Equal(3L, P(P(o, "b"), "c"));
        }

        [Fact]
        public void ARepeatedKeyBesideKeysThatDifferInCaseIsStillOneEntry()
        {
            var d = Assert.IsType<OrderedDictionary>(ResultValue("{\"a\":1,\"A\":2,\"a\":3}"));
            Assert.Equal(2, d.Count);
            Assert.Equal(3L, d["a"]);
            Assert.Equal(2L, d["A"]);
        }

        [Fact]
        public void AKeyRepeatedOnlyInAnotherCaseAfterADuplicateStaysAPSCustomObjectWhenNothingClashes()
        {
            var o = Assert.IsType<PSObject>(ResultValue("{\"x\":1,\"x\":{\"y\":[1,{\"z\":1,\"z\":2}]}}"));
            var inner = (object[])P(P(o, "x"), "y")!;
            Assert.Equal(2L, P(inner[1], "z"));
        }

        [Fact]
        public void OrdinaryObjectsAreStillPSCustomObjects()
        {
            var o = Assert.IsType<PSObject>(ResultValue("{\"a\":1,\"b\":[true,null]}"));
            Assert.Equal(1L, P(o, "a"));
        }

        [Fact]
        public void NumbersBeyondDoubleAndInt64AreValues()
        {
            var a = Assert.IsType<object[]>(ResultValue("[1e400,-1e400,1e-400,123456789012345678901234567890,-9223372036854775809,0.77,12]"));
            Assert.Equal(double.PositiveInfinity, a[0]);
            Assert.Equal(double.NegativeInfinity, a[1]);
            Assert.Equal(0.0, a[2]);
            Assert.Equal(BigInteger.Parse("123456789012345678901234567890"), a[3]);
            Assert.Equal(BigInteger.Parse("-9223372036854775809"), a[4]);
            Assert.Equal(0.77, a[5]);
            Assert.Equal(12L, a[6]);
        }

        [Fact]
        public void ArgumentsAndUnknownEventDataFollowTheSameRules()
        {
            var call = (ToolCallEvent)One("{\"call_id\":\"c\",\"name\":\"n\",\"arguments\":{\"\":1},\"type\":\"tool_call\"}");
            Assert.Equal(1L, Assert.IsType<OrderedDictionary>(call.Arguments)[""]);
            var unknown = (UnknownEvent)One("{\"type\":\"citation\",\"span\":1e400,\"span\":2}");
            var data = Assert.IsType<PSObject>(unknown.Data);
            Assert.Equal(2L, P(data, "span"));
            Assert.Equal("{\"type\":\"citation\",\"span\":1e400,\"span\":2}", unknown.RawJson);
        }
    }
}
