using System;
using static LlamaCloud.Chat.Tests.TestUtil;

namespace LlamaCloud.Chat.Tests
{
    public class NullsAndMissingTests
    {
        [Theory]
        [InlineData("{'content':null,'type':'text'}")]
        [InlineData("{'type':'text'}")]
        [InlineData("{'content':null,'type':'user_input'}")]
        [InlineData("{'type':'thinking_delta'}")]
        public void ContentNullOrMissingIsNull(string json)
        {
            var e = Assert.IsAssignableFrom<ContentEvent>(One(Q(json)));
            Assert.Null(e.Content);
            Assert.Equal(string.Empty, e.Summary);
        }

        [Fact]
        public void ToolCallWithoutArguments()
        {
            var e = Assert.IsType<ToolCallEvent>(One(Q("{'type':'tool_call'}")));
            Assert.Null(e.CallId);
            Assert.Null(e.Name);
            Assert.Null(e.Arguments);
            Assert.Null(e.ArgumentsJson);
        }

        [Fact]
        public void ToolCallWithNullArguments()
        {
            var e = Assert.IsType<ToolCallEvent>(One(Q("{'call_id':null,'name':null,'arguments':null,'type':'tool_call'}")));
            Assert.Null(e.CallId);
            Assert.Null(e.Name);
            Assert.Null(e.Arguments);
            Assert.Equal("null", e.ArgumentsJson);
        }

        [Fact]
        public void ToolResultWithNullOrMissingResultAndAttachment()
        {
            var n = Assert.IsType<ToolResultEvent>(One(Q("{'call_id':'c','name':'n','result':null,'image_attachment':null,'type':'tool_result'}")));
            Assert.Null(n.Result);
            Assert.Equal("null", n.ResultJson);
            Assert.Null(n.ImageAttachment);

            var m = Assert.IsType<ToolResultEvent>(One(Q("{'type':'tool_result'}")));
            Assert.Null(m.Result);
            Assert.Null(m.ResultJson);
            Assert.Null(m.ImageAttachment);
        }

        [Fact]
        public void ImageAttachmentWithNullOrMissingFields()
        {
            var a = Assert.IsType<ToolResultEvent>(One(Q("{'result':1,'image_attachment':{'attachment_name':null},'type':'tool_result'}"))).ImageAttachment!;
            Assert.Null(a.AttachmentName);
            Assert.Null(a.SourceId);
            var b = Assert.IsType<ToolResultEvent>(One(Q("{'result':1,'image_attachment':{},'type':'tool_result'}"))).ImageAttachment!;
            Assert.Null(b.AttachmentName);
        }

        [Fact]
        public void StopWithNullsAndMissingFields()
        {
            var a = Assert.IsType<StopEvent>(One(Q("{'error':null,'is_error':null,'usage':null,'type':'stop'}")));
            Assert.Null(a.Error);
            Assert.False(a.IsError);
            Assert.Null(a.Usage);
            Assert.Equal(string.Empty, a.Summary);

            var b = Assert.IsType<StopEvent>(One(Q("{'type':'stop'}")));
            Assert.Null(b.Usage);
            Assert.False(b.IsError);

            var u = Assert.IsType<StopEvent>(One(Q("{'is_error':false,'usage':{'duration_ms':null,'total_input_tokens':null,'total_output_tokens':null,'turns':null},'type':'stop'}"))).Usage!;
            Assert.Null(u.DurationMs);
            Assert.Null(u.TotalInputTokens);
            Assert.Null(u.TotalOutputTokens);
            Assert.Null(u.Turns);
            Assert.Equal("in=- out=- turns=- -ms", u.ToString());

            var empty = Assert.IsType<StopEvent>(One(Q("{'is_error':true,'usage':{},'type':'stop'}")));
            Assert.NotNull(empty.Usage);
            Assert.Equal("ERROR: (no message)", empty.Summary);
        }

        [Fact]
        public void SessionWithEverythingNullOrMissing()
        {
            var s = ReadWhole(Q("{'session_id':'s','last_updated_at':null,'generated_title':null,'index_ids':null,'job_metadata':null,'events':null}")).Session;
            Assert.Equal("s", s.SessionId);
            Assert.Equal(default(DateTime), s.LastUpdatedAt);
            Assert.Null(s.LastUpdatedAtText);
            Assert.Null(s.GeneratedTitle);
            Assert.Null(s.IndexIds);
            Assert.Null(s.JobMetadata);
            Assert.Null(s.Events);

            var bare = ReadWhole("{}", "ses-x").Session;
            Assert.Equal("ses-x", bare.SessionId);
            Assert.Equal(default(DateTime), bare.LastUpdatedAt);
            Assert.Null(bare.GeneratedTitle);
            Assert.Null(bare.Events);
        }

        [Fact]
        public void JobMetadataFieldsNull()
        {
            var m = ReadWhole(Q("{'session_id':'s','job_metadata':{'duration_ms':null,'error':null,'export_config_ids':null,'is_error':null,'total_input_tokens':null,'total_output_tokens':null,'turns':null}}")).Session.JobMetadata!;
            Assert.Null(m.DurationMs);
            Assert.Null(m.Error);
            Assert.Null(m.ExportConfigIds);
            Assert.Null(m.IsError);
            Assert.Null(m.TotalInputTokens);
            Assert.Null(m.TotalOutputTokens);
            Assert.Null(m.Turns);
            Assert.Equal("in=- out=- turns=-", m.ToString());
        }

        [Fact]
        public void UnparsableTimestampLeavesTheDefaultButKeepsTheText()
        {
            var s = ReadWhole(Q("{'session_id':'s','last_updated_at':'yesterday'}")).Session;
            Assert.Equal(default(DateTime), s.LastUpdatedAt);
            Assert.Equal("yesterday", s.LastUpdatedAtText);
        }
    }
}
