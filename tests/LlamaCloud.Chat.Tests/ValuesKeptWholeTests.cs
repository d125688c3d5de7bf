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
        public void ARepeatedKeyKeepsEveryMemberInOrder()
        {
            var members = Assert.IsType<object[]>(Result("{\"a\":1,\"a\":2,\"b\":{\"c\":3}}"));
            Assert.Equal(3, members.Length);
            var m0 = Assert.IsType<JsonMember>(members[0]);
            var m1 = Assert.IsType<JsonMember>(members[1]);
            var m2 = Assert.IsType<JsonMember>(members[2]);
            Assert.Equal(("a", (object?)1L), (m0.Name, m0.Value));
            Assert.Equal(("a", (object?)2L), (m1.Name, m1.Value));
            Assert.Equal("b", m2.Name);
            Assert.Equal(3L, P(m2.Value, "c"));
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
            var members = Assert.IsType<object[]>(unknown.Data);
            Assert.Equal(3, members.Length);
            Assert.Equal(double.PositiveInfinity, ((JsonMember)members[1]).Value);
        }
    }
}
