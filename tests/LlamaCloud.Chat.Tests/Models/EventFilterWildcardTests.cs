using LlamaCloud.Chat.Serialization;
namespace LlamaCloud.Chat.Tests
{
    /// <summary>-Type with wildcards: patterns match the names -Type takes and the wire types of unknown events.</summary>
    public class EventFilterWildcardTests
    {
        [Fact]
        public void APatternExpandsToTheKnownTypesItMatches()
        {
            var f = new EventFilter(new[] { "tool*" }, null);
            Assert.True(f.MatchesType("tool_call"));
            Assert.True(f.MatchesType("tool_result"));
            Assert.False(f.MatchesType("text"));
            Assert.False(f.MatchesType(ChatEventType.Unknown));
            Assert.Null(f.UnmatchedPatterns);
            Assert.Null(f.UnknownTypeNames);
            // It also matches unknown events whose wire type it matches, and no other unknown event.
            Assert.True(f.MatchesEvent(null, "tool_progress"));
            Assert.False(f.MatchesEvent(null, "citation"));
            Assert.False(f.MatchesEvent(null, null));
        }

        [Fact]
        public void AStarIsEveryEventUntypedIncluded()
        {
            var f = new EventFilter(new[] { "*" }, null);
            foreach (var n in ChatEventType.Names) Assert.True(f.MatchesType(n));
            Assert.True(f.MatchesEvent(null, null));
            Assert.True(f.MatchesEvent(null, "citation"));
        }

        [Fact]
        public void APatternThatMatchesNoKnownTypeIsReportedAndSelectsUnknownWireTypes()
        {
            var f = new EventFilter(new[] { "cit*", "TEXT" }, null);
            Assert.Equal(new[] { "cit*" }, f.UnmatchedPatterns);
            Assert.True(f.MatchesType("text"));
            Assert.True(f.MatchesEvent(null, "citation"));
            Assert.False(f.MatchesEvent(null, "quote"));
            var codes = EventFilter.CodesThatMayPass(f);
            Assert.True(codes[(int)EventTypeCode.Unknown]);
            Assert.False(codes[(int)EventTypeCode.ToolCall]);
        }
    }
}
