using LlamaCloud.Chat.Commands;
using LlamaCloud.Chat.Serialization;

namespace LlamaCloud.Chat.Tests.Commands
{
    /// <summary>The did-you-mean of -Type: the known types a name that is none probably meant.</summary>
    public class EventTypeWarningTests
    {
        [Theory]
        [InlineData("tool", "tool_call,tool_result")]
        [InlineData("toolcall", "tool_call")]
        [InlineData("Tool-Call", "tool_call")]
        [InlineData("tool_calls", "tool_call")]
        [InlineData("tool_reslt", "tool_result")]
        [InlineData("textdelta", "text_delta")]
        [InlineData("stops", "stop")]
        [InlineData("userinput", "user_input")]
        [InlineData("citation", "")]
        [InlineData("x", "")]
        public void Suggests(string name, string expected) =>
            Assert.Equal(expected, string.Join(",", EventTypeWarning.Suggest(name)));

        [Fact]
        public void NoWarningForKnownTypesAndPatternsThatMatchThem() =>
            Assert.Null(EventTypeWarning.For(new EventFilter(new[] { "tool_call", "text*", "STOP" }, null)));

        [Fact]
        public void OneWarningForEverythingUnknown()
        {
            var w = EventTypeWarning.For(new EventFilter(new[] { "citation", "tool", "x*" }, null));
            Assert.Equal("-Type citation, tool: not types this module knows; matching UnknownEvents of that wire type. Did you mean tool_call or tool_result (for tool)? "
                + "-Type x*: matches no type this module knows; matching UnknownEvents whose wire type it matches. "
                + "Known types: user_input, thinking_delta, thinking, tool_call, tool_result, text_delta, text, stop, unknown.", w);
        }
    }
}
