using System.Linq;
using System.Text;
using LlamaCloud.Chat.Redaction;
using LlamaCloud.Chat.Turns;
using static LlamaCloud.Chat.Tests.Support.TestUtil;

namespace LlamaCloud.Chat.Tests.Redaction
{
    public class SessionRedactionTests
    {
        private const string Session = "{'session_id':'ses-1','generated_title':'Mail alice@example.com','index_ids':['idx-1','10.0.0.1'],'events':[" +
            "{'content':'Call 415-555-0143','type':'user_input'}," +
            "{'content':'from 10.0.0.1','type':'thinking'}," +
            "{'call_id':'c1','name':'mail bob@example.org','arguments':{'to':'bob@example.org','n':4111111111111111},'type':'tool_call'}," +
            "{'call_id':'c1','name':'mail bob@example.org','result':{'ok':'sent to bob@example.org'},'image_attachment':{'attachment_name':'page 4 for carol@example.net','source_id':'192.168.1.9'},'type':'tool_result'}," +
            "{'content':'Done, alice@example.com','type':'text'}," +
            "{'kind':'citation','url':'mailto:dave@example.com','type':'citation'}," +
            "{'error':'failed for 203.0.113.77','is_error':true,'usage':{'duration_ms':5,'total_input_tokens':10,'total_output_tokens':3,'turns':1},'skipped_index_ids':['idx-2','10.9.8.7'],'type':'stop'}]}";

        private static (ChatSession Session, ChatTurn Turn) Read()
        {
            var (session, events) = ReadWhole(Q(Session));
            return (session, Assert.Single(TurnBuilder.Build(events)));
        }

        [Fact]
        public void ATranscriptsCopyHoldsEveryShownTextRedactedAndNothingElse()
        {
            var (session, turn) = Read();
            using var r = new TextRedactor(Encoding.UTF8.GetBytes("k"));
            var redaction = new SessionRedaction(r, ShownFields.Transcript(thinking: true, toolOutput: true));
            var s = redaction.Session(session)!;
            var t = redaction.Turn(turn);
            string Tok(string v) => r.Redact(v, r.NewTally())!;
            Assert.Equal("Mail " + Tok("alice@example.com"), s.GeneratedTitle);
            Assert.Equal(new[] { "idx-1", Tok("10.0.0.1") }, s.IndexIds);
            Assert.Null(s.JobMetadata);
            Assert.Equal("Call " + Tok("415-555-0143"), t.Prompt);
            Assert.Equal("from " + Tok("10.0.0.1"), t.Thinking);
            Assert.Equal("Done, " + Tok("alice@example.com"), t.Answer);
            Assert.Equal("failed for " + Tok("203.0.113.77"), t.Error);
            Assert.Equal(new[] { "idx-2", Tok("10.9.8.7") }, t.SkippedIndexIds);
            var call = Assert.Single(t.ToolCalls);
            Assert.Equal("mail " + Tok("bob@example.org"), call.Name);
            Assert.Equal("c1", call.CallId);
            Assert.Equal("{\"to\":\"" + Tok("bob@example.org") + "\",\"n\":\"" + Tok("4111111111111111") + "\"}", call.ArgumentsJson);
            Assert.Equal("{\"ok\":\"sent to " + Tok("bob@example.org") + "\"}", call.ResultJson);
            Assert.Equal("page 4 for " + Tok("carol@example.net"), call.ImageAttachment!.AttachmentName);
            Assert.Equal(Tok("192.168.1.9"), call.ImageAttachment.SourceId);
            Assert.Empty(t.OtherEvents); // shown by no writer: left out, never passed on unredacted
            Assert.Single(turn.OtherEvents);
            // Numbers, flags and positions as they were.
            Assert.Equal((turn.Number, turn.IsError, turn.IsComplete, turn.FirstIndex, turn.LastIndex, turn.EventCount), (t.Number, t.IsError, t.IsComplete, t.FirstIndex, t.LastIndex, t.EventCount));
            Assert.Same(turn.Usage, t.Usage);
            Assert.Equal((call.HasCall, call.HasResult, call.CallIndex, call.ResultIndex), (turn.ToolCalls[0].HasCall, turn.ToolCalls[0].HasResult, turn.ToolCalls[0].CallIndex, turn.ToolCalls[0].ResultIndex));
            // title 1, index id 1, prompt 1, thinking 1, answer 1, error 1, skipped index 1, name 1, arguments 2, result 1, attachment 2
            Assert.Equal(13, redaction.Tally.Total);
        }

        [Fact]
        public void ATraceWithoutContentCarriesNoConversationAndCountsOnlyWhatItShows()
        {
            var (session, turn) = Read();
            using var r = new TextRedactor(Encoding.UTF8.GetBytes("k"));
            var redaction = new SessionRedaction(r, ShownFields.Trace(content: false));
            var s = redaction.Session(session)!;
            var t = redaction.Turn(turn);
            Assert.Null(s.GeneratedTitle);
            Assert.Null(t.Prompt);
            Assert.Equal(string.Empty, t.Answer);
            Assert.Equal(string.Empty, t.Thinking);
            Assert.Null(t.ToolCalls[0].ArgumentsJson);
            Assert.Null(t.ToolCalls[0].ResultJson);
            Assert.Null(t.ToolCalls[0].ImageAttachment!.SourceId);
            Assert.Empty(t.SkippedIndexIds);
            // error, tool name, attachment name
            Assert.Equal(3, redaction.Tally.Total);
            Assert.Equal(new[] { 1, 2 }, redaction.Tally.Summary().Where(x => x.Count > 0).Select(x => x.Count).OrderBy(x => x));
        }
    }
}
