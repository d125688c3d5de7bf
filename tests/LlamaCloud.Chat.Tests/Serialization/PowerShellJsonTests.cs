using static LlamaCloud.Chat.Tests.Support.TestUtil;

namespace LlamaCloud.Chat.Tests.Serialization
{
    public class PowerShellJsonTests
    {
        private static ToolCallEvent Call(string argumentsJson) =>
            Assert.IsType<ToolCallEvent>(One("{\"call_id\":\"c\",\"name\":\"n\",\"arguments\":" + argumentsJson + ",\"type\":\"tool_call\"}"));

        private static ToolResultEvent Result(string resultJson) =>
            Assert.IsType<ToolResultEvent>(One("{\"call_id\":\"c\",\"name\":\"n\",\"result\":" + resultJson + ",\"type\":\"tool_result\"}"));

        [Fact]
        public void JsonTextIsExactlyAsReceived()
        {
            const string args = "{ \"query\" :\n\t\"q\" , \"n\": 1.50, \"u\": \"\\u00e9\" }";
            Assert.Equal(args, Call(args).ArgumentsJson);
            const string result = "[ 1 , 2.0e0 ,\"x\" ]";
            Assert.Equal(result, Result(result).ResultJson);
            Assert.Equal("1.50", Result("1.50").ResultJson);
        }

        [Fact]
        public void RepeatedAccessGivesTheSameValue()
        {
            var e = Result(Q("{'a':[1]}"));
            Assert.Same(e.Result, e.Result);
            Assert.Same(e.ResultJson, e.ResultJson);
        }

        [Fact]
        public void TheExactTextStaysAvailable()
        {
            var e = (ToolResultEvent)One("{\"call_id\":\"c\",\"name\":\"n\",\"result\":{\"a\":1,\"a\":2,\"\":1e400},\"type\":\"tool_result\"}");
            Assert.Equal("{\"a\":1,\"a\":2,\"\":1e400}", e.ResultJson);
        }
    }
}
