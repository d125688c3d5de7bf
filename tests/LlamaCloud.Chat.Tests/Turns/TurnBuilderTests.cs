using System.Collections.Generic;
using System.Linq;
using LlamaCloud.Chat.Turns;
using static LlamaCloud.Chat.Tests.Support.SessionBodies;
using static LlamaCloud.Chat.Tests.Support.TestUtil;

namespace LlamaCloud.Chat.Tests.Turns
{
    public class TurnBuilderTests
    {
        private static List<ChatTurn> Turns(params string[] events) =>
            TurnBuilder.Build(ReadWhole("{\"session_id\":\"ses-1\",\"events\":[" + string.Join(",", events.Select(Q)) + "]}").Events);

        private const string Stop = "{'error':null,'is_error':false,'usage':{'duration_ms':5.5,'total_input_tokens':10,'total_output_tokens':3,'turns':1},'type':'stop'}";

        [Fact]
        public void AStreamedAnswerIsCountedOnceAndToolCallsArePaired()
        {
            var turn = Assert.Single(Turns(
                "{'content':'Q?','type':'user_input'}",
                "{'content':'Let ','type':'thinking_delta'}", "{'content':'me think','type':'thinking_delta'}",
                "{'content':'Let me think','type':'thinking'}",
                "{'call_id':'c1','name':'search','arguments':{'q':'x'},'type':'tool_call'}",
                "{'call_id':'c2','name':'read','arguments':{'p':4},'type':'tool_call'}",
                "{'call_id':'c2','name':'read','result':'page','image_attachment':null,'type':'tool_result'}",
                "{'call_id':'c1','name':'search','result':{'n':[1]},'image_attachment':{'attachment_name':'p.png','source_id':'s'},'type':'tool_result'}",
                "{'content':'The ','type':'text_delta'}", "{'content':'answer.','type':'text_delta'}",
                "{'content':'The answer.','type':'text'}",
                Stop));
            Assert.Equal("ses-1", turn.SessionId);
            Assert.Equal(1, turn.Number);
            Assert.Equal("Q?", turn.Prompt);
            Assert.Equal("The answer.", turn.Answer);
            Assert.Equal("Let me think", turn.Thinking);
            Assert.Equal(((int?)0, (int?)11, 12), (turn.FirstIndex, turn.LastIndex, turn.EventCount));
            Assert.True(turn.IsComplete);
            Assert.False(turn.IsError);
            Assert.Equal(10, turn.Usage!.TotalInputTokens);
            Assert.Equal(new[] { "c1", "c2" }, turn.ToolCalls.Select(c => c.CallId));
            var c1 = turn.ToolCalls[0];
            Assert.Equal(("search", "{\"q\":\"x\"}", "{\"n\":[1]}", true, true), (c1.Name, c1.ArgumentsJson, c1.ResultJson, c1.HasCall, c1.HasResult));
            Assert.Equal((4, 7), (c1.CallIndex!.Value, c1.ResultIndex!.Value));
            Assert.Equal("p.png", c1.ImageAttachment!.AttachmentName);
            Assert.Equal("\"page\"", turn.ToolCalls[1].ResultJson);
            Assert.Null(turn.ToolCalls[1].ImageAttachment);
        }

        [Fact]
        public void DeltasNoTextFollowsAreKeptAndTextBlocksAreSeparated()
        {
            var turn = Assert.Single(Turns(
                "{'content':'Q','type':'user_input'}",
                "{'content':'First.','type':'text'}",
                "{'content':'Sec','type':'text_delta'}", "{'content':'ond','type':'text_delta'}",
                "{'content':'Second.','type':'text'}",
                "{'content':'Inter','type':'text_delta'}", "{'content':'rupted','type':'text_delta'}",
                "{'content':'half','type':'thinking_delta'}"));
            Assert.Equal("First.\n\nSecond.\n\nInterrupted", turn.Answer);
            Assert.Equal("half", turn.Thinking);
            Assert.False(turn.IsComplete);
            Assert.Null(turn.Usage);
        }

        [Fact]
        public void EventsOutsideAPromptAndStopPairAreTurnsWithoutAPrompt()
        {
            var turns = Turns(
                "{'content':'early','type':'text'}",
                "{'content':'Q1','type':'user_input'}", "{'content':'A1','type':'text'}", Stop,
                "{'content':'stray','type':'text_delta'}",
                "{'content':'Q2','type':'user_input'}",
                "{'content':'Q3','type':'user_input'}",
                "{'error':'boom','is_error':true,'usage':{},'type':'stop'}",
                Stop);
            Assert.Equal(new[] { 1, 2, 3, 4, 5, 6 }, turns.Select(t => t.Number));
            Assert.Equal(new[] { null, "Q1", null, "Q2", "Q3", null }, turns.Select(t => t.Prompt));
            Assert.Equal(new[] { "early", "A1", "stray", "", "", "" }, turns.Select(t => t.Answer));
            Assert.Equal(new[] { false, true, false, false, true, true }, turns.Select(t => t.IsComplete));
            Assert.Equal(new[] { 1, 3, 1, 1, 2, 1 }, turns.Select(t => t.EventCount));
            Assert.Equal(9, turns.Sum(t => t.EventCount)); // nothing dropped
            Assert.True(turns[4].IsError);
            Assert.Equal("boom", turns[4].Error);
            Assert.Equal(((int?)6, (int?)7), (turns[4].FirstIndex, turns[4].LastIndex));
        }

        [Fact]
        public void UnpairedCallsAndResultsStayAsEntries()
        {
            var turn = Assert.Single(Turns(
                "{'content':'Q','type':'user_input'}",
                "{'call_id':'a','name':'t1','arguments':{},'type':'tool_call'}",
                "{'call_id':'z','name':'t9','result':[1],'type':'tool_result'}",
                "{'call_id':'d','name':'t2','arguments':{'i':1},'type':'tool_call'}",
                "{'call_id':'d','name':'t2','arguments':{'i':2},'type':'tool_call'}",
                "{'call_id':'d','name':'t2','result':'first','type':'tool_result'}",
                "{'call_id':'d','name':'t2','result':'second','type':'tool_result'}",
                "{'call_id':'d','name':'t2','result':'third','type':'tool_result'}",
                Stop));
            var calls = turn.ToolCalls;
            Assert.Equal(new[] { "a", "z", "d", "d", "d" }, calls.Select(c => c.CallId));
            Assert.Equal(new[] { true, false, true, true, false }, calls.Select(c => c.HasCall));
            Assert.Equal(new[] { false, true, true, true, true }, calls.Select(c => c.HasResult));
            Assert.Equal(new[] { null, "[1]", "\"first\"", "\"second\"", "\"third\"" }, calls.Select(c => c.ResultJson));
            Assert.Equal(new[] { "{}", null, "{\"i\":1}", "{\"i\":2}", null }, calls.Select(c => c.ArgumentsJson));
            Assert.Equal("t9", calls[1].Name);
        }

        [Fact]
        public void UnknownEventsAreKeptOnTheTurn()
        {
            var turn = Assert.Single(Turns("{'content':'Q','type':'user_input'}", "{'source_id':'s1','type':'citation'}", Stop));
            Assert.Equal("citation", Assert.Single(turn.OtherEvents).Type);
            Assert.Equal(3, turn.EventCount);
        }

        [Fact]
        public void ANewSessionEndsTheTurnAndRestartsNumbering()
        {
            var a = ReadWhole(Q("{'session_id':'ses-a','events':[{'content':'Qa','type':'user_input'},{'content':'x','type':'text_delta'}]}"), "ses-a").Events;
            var b = ReadWhole(Q("{'session_id':'ses-b','events':[" + Stop + ",{'content':'Qb','type':'user_input'}," + Stop + "]}"), "ses-b").Events;
            var builder = new TurnBuilder();
            var done = new List<ChatTurn>();
            foreach (var e in a) builder.Add(e, done);
            Assert.Empty(done); // held until the turn ends
            builder.Add(b[0], done);
            Assert.Equal(new[] { ("ses-a", 1, "Qa", "x"), ("ses-b", 1, (string?)null, "") }, done.Select(t => (t.SessionId, t.Number, t.Prompt, t.Answer)));
            builder.Add(b[1], done);
            builder.Add(b[2], done);
            builder.Complete(done);
            Assert.Equal(3, done.Count);
            Assert.Equal(("ses-b", 2, "Qb"), (done[2].SessionId, done[2].Number, done[2].Prompt));
        }

        [Fact]
        public void AnEmptySessionHasNoTurns()
        {
            Assert.Empty(Turns());
        }

        [Fact]
        public void TurnsCarryTheirStopsSkippedIndexes()
        {
            var (_, events) = ReadWhole(GaSession);
            var turns = new System.Collections.Generic.List<ChatTurn>();
            var b = new TurnBuilder();
            foreach (var e in events) b.Add(e, turns);
            b.Complete(turns);
            Assert.Equal(new[] { "idx-a", "idx-b" }, turns[0].SkippedIndexIds);
        }
    }
}
