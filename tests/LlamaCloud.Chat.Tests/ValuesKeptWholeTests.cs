using System;
using System.Collections.Specialized;
using System.Management.Automation;
using System.Numerics;
using static LlamaCloud.Chat.Tests.TestUtil;

namespace LlamaCloud.Chat.Tests
{
    /// <summary>Tool results, arguments and unknown events keep every member and every number (issue 9).</summary>
    public class ValuesKeptWholeTests
    {
        private static object? Result(string resultJson) =>
            ((ToolResultEvent)One("{\"call_id\":\"c\",\"name\":\"n\",\"result\":" + resultJson + ",\"type\":\"tool_result\"}")).Result;

        [Fact]
        public void AnEmptyKeyComesOutAsAnOrderedDictionary()
        {
            var d = Assert.IsType<OrderedDictionary>(Result("{\"\":0,\"b\":\"x\"}"));
            Assert.Equal(2, d.Count);
            Assert.Equal(0L, d[""]);
            Assert.Equal("x", d["b"]);
        }

        [Fact]
        public void KeysThatDifferOnlyInCaseAreBothKept()
        {
            var d = Assert.IsType<OrderedDictionary>(Result("{\"a\":1,\"A\":2}"));
            Assert.Equal(2, d.Count);
            Assert.Equal(1L, d["a"]);
            Assert.Equal(2L, d["A"]);
        }

        [Fact]
        public void ARepeatedKeyKeepsItsLastValueAtItsLastPlaceAsConvertFromJson()
        {
            // ConvertFrom-Json '{"a":1,"b":{"c":3},"a":2}' gives b, then a = 2.
            var o = Assert.IsType<PSObject>(Result("{\"a\":1,\"b\":{\"c\":3},\"a\":2}"));
            Assert.Equal(new[] { "b", "a" }, System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(o.Properties, p => p.Name)));
            Assert.Equal(2L, P(o, "a"));
            Assert.Equal(3L, P(P(o, "b"), "c"));
        }

        [Fact]
        public void ARepeatedKeyBesideKeysThatDifferInCaseIsStillOneEntry()
        {
            var d = Assert.IsType<OrderedDictionary>(Result("{\"a\":1,\"A\":2,\"a\":3}"));
            Assert.Equal(2, d.Count);
            Assert.Equal(3L, d["a"]);
            Assert.Equal(2L, d["A"]);
        }

        [Fact]
        public void AKeyRepeatedOnlyInAnotherCaseAfterADuplicateStaysAPSCustomObjectWhenNothingClashes()
        {
            var o = Assert.IsType<PSObject>(Result("{\"x\":1,\"x\":{\"y\":[1,{\"z\":1,\"z\":2}]}}"));
            var inner = (object[])P(P(o, "x"), "y")!;
            Assert.Equal(2L, P(inner[1], "z"));
        }

        [Fact]
        public void OrdinaryObjectsAreStillPSCustomObjects()
        {
            var o = Assert.IsType<PSObject>(Result("{\"a\":1,\"b\":[true,null]}"));
            Assert.Equal(1L, P(o, "a"));
        }

        [Fact]
        public void NumbersBeyondDoubleAndInt64AreValues()
        {
            var a = Assert.IsType<object[]>(Result("[1e400,-1e400,1e-400,123456789012345678901234567890,-9223372036854775809,0.77,12]"));
            Assert.Equal(double.PositiveInfinity, a[0]);
            Assert.Equal(double.NegativeInfinity, a[1]);
            Assert.Equal(0.0, a[2]);
            Assert.Equal(BigInteger.Parse("123456789012345678901234567890"), a[3]);
            Assert.Equal(BigInteger.Parse("-9223372036854775809"), a[4]);
            Assert.Equal(0.77, a[5]);
            Assert.Equal(12L, a[6]);
        }

        [Fact]
        public void TheExactTextStaysAvailable()
        {
            var e = (ToolResultEvent)One("{\"call_id\":\"c\",\"name\":\"n\",\"result\":{\"a\":1,\"a\":2,\"\":1e400},\"type\":\"tool_result\"}");
            Assert.Equal("{\"a\":1,\"a\":2,\"\":1e400}", e.ResultJson);
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
