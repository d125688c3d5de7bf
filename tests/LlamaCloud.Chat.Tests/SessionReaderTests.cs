using System;
using System.Collections.Generic;
using LlamaCloud.Chat.Serialization;
using static LlamaCloud.Chat.Tests.TestUtil;

namespace LlamaCloud.Chat.Tests
{
    public class SessionReaderTests
    {
        [Fact]
        public void EveryEventTypeIsParsedIntoItsClassWithItsFields()
        {
            var (session, events) = ReadWhole(AllTypesDocument, "ses-all");
            Assert.Equal(17, events.Count);
            Assert.Same(session.Events, session.Events);
            Assert.Equal(17, session.EventCount);

            var user = Assert.IsType<UserInputEvent>(events[0]);
            Assert.Equal("user_input", user.Type);
            Assert.Equal("What were the main findings in Q3? 日本語 🎉", user.Content);

            Assert.Equal("Let me", Assert.IsType<ThinkingDeltaEvent>(events[1]).Content);
            Assert.Equal(" think\né", Assert.IsType<ThinkingDeltaEvent>(events[2]).Content);
            Assert.Equal("thinking_delta", events[2].Type);
            Assert.Equal("Let me think", Assert.IsType<ThinkingEvent>(events[3]).Content);
            Assert.Equal("thinking", events[3].Type);

            var call = Assert.IsType<ToolCallEvent>(events[4]);
            Assert.Equal("tool_call", call.Type);
            Assert.Equal("call_1", call.CallId);
            Assert.Equal("search_index", call.Name);
            Assert.Equal(Q("{'query':'Q3 findings','top_k':5,'filters':{'year':2026,'tags':['a','b']}}"), call.ArgumentsJson);
            Assert.Equal("Q3 findings", P(call.Arguments, "query"));

            var result = Assert.IsType<ToolResultEvent>(events[5]);
            Assert.Equal("tool_result", result.Type);
            Assert.Equal("call_1", result.CallId);
            Assert.Equal("search_index", result.Name);
            Assert.Equal(Q("{'nodes':[{'text':'Revenue grew','metadata':{'page':4,'score':0.87}}]}"), result.ResultJson);
            Assert.NotNull(result.ImageAttachment);
            Assert.Equal("page_4.png", result.ImageAttachment!.AttachmentName);
            Assert.Equal("src-1", result.ImageAttachment.SourceId);

            Assert.Equal("Revenue", Assert.IsType<TextDeltaEvent>(events[6]).Content);
            Assert.Equal("text_delta", events[6].Type);
            Assert.Equal(" grew 🚀", Assert.IsType<TextDeltaEvent>(events[7]).Content);
            Assert.Equal("Revenue grew 🚀", Assert.IsType<TextEvent>(events[8]).Content);
            Assert.Equal("text", events[8].Type);

            var stop = Assert.IsType<StopEvent>(events[9]);
            Assert.Equal("stop", stop.Type);
            Assert.Null(stop.Error);
            Assert.False(stop.IsError);
            Assert.NotNull(stop.Usage);
            Assert.Equal(1500.25, stop.Usage!.DurationMs);
            Assert.Equal(1200L, stop.Usage.TotalInputTokens);
            Assert.Equal(85L, stop.Usage.TotalOutputTokens);
            Assert.Equal(3, stop.Usage.Turns);

            Assert.Equal("citation", Assert.IsType<UnknownEvent>(events[10]).Type);
            Assert.IsType<ToolCallEvent>(events[11]);
            Assert.Null(Assert.IsType<UnknownEvent>(events[12]).Type);
            for (var i = 13; i < 17; i++) Assert.IsType<UnknownEvent>(events[i]);
        }

        [Fact]
        public void StopEventWithErrorIsParsed()
        {
            var stop = Assert.IsType<StopEvent>(One(Q("{'error':'Rate limit exceeded','is_error':true,'usage':{'duration_ms':12,'total_input_tokens':null,'total_output_tokens':null,'turns':0},'type':'stop'}")));
            Assert.True(stop.IsError);
            Assert.Equal("Rate limit exceeded", stop.Error);
            Assert.Equal(12.0, stop.Usage!.DurationMs);
            Assert.Null(stop.Usage.TotalInputTokens);
            Assert.Null(stop.Usage.TotalOutputTokens);
            Assert.Equal(0, stop.Usage.Turns);
            Assert.StartsWith("ERROR: Rate limit exceeded", stop.Summary);
        }

        [Fact]
        public void SessionFieldsAreRead()
        {
            var (s, _) = ReadWhole(AllTypesDocument, "ses-all");
            Assert.Equal("ses-all", s.SessionId);
            Assert.Equal("Q3 findings — Überblick", s.GeneratedTitle);
            Assert.Equal(new[] { "idx-abc123", "idx-def456" }, s.IndexIds);
            var m = s.JobMetadata!;
            Assert.Equal(1234.5, m.DurationMs);
            Assert.Null(m.Error);
            Assert.Equal(new[] { "e1" }, m.ExportConfigIds);
            Assert.False(m.IsError);
            Assert.Equal(100L, m.TotalInputTokens);
            Assert.Equal(20L, m.TotalOutputTokens);
            Assert.Equal(2, m.Turns);
        }

        [Fact]
        public void LastUpdatedAtIsUtcWithMicroseconds()
        {
            var (s, _) = ReadWhole(Q("{'session_id':'a','last_updated_at':'2026-04-22T12:34:41.342245'}"));
            Assert.Equal(DateTimeKind.Utc, s.LastUpdatedAt.Kind);
            var expected = new DateTime(2026, 4, 22, 12, 34, 41, DateTimeKind.Utc).AddTicks(3422450);
            Assert.Equal(expected, s.LastUpdatedAt);
            Assert.Equal(3422450, s.LastUpdatedAt.Ticks % TimeSpan.TicksPerSecond);
            Assert.Equal("2026-04-22T12:34:41.342245", s.LastUpdatedAtText);
        }

        [Fact]
        public void LastUpdatedAtWithAnExplicitOffsetIsConvertedToUtc()
        {
            var (s, _) = ReadWhole(Q("{'session_id':'a','last_updated_at':'2026-04-22T12:34:41+02:00'}"));
            Assert.Equal(new DateTime(2026, 4, 22, 10, 34, 41, DateTimeKind.Utc), s.LastUpdatedAt);
            Assert.Equal(DateTimeKind.Utc, s.LastUpdatedAt.Kind);
        }

        [Fact]
        public void JobMetadataNullAndPartial()
        {
            Assert.Null(ReadWhole(Q("{'session_id':'a','job_metadata':null}")).Session.JobMetadata);
            Assert.Null(ReadWhole(Q("{'session_id':'a'}")).Session.JobMetadata);

            var m = ReadWhole(Q("{'session_id':'a','job_metadata':{'turns':4,'is_error':true,'error':'boom','future':{'x':[1]}}}")).Session.JobMetadata!;
            Assert.Equal(4, m.Turns);
            Assert.True(m.IsError);
            Assert.Equal("boom", m.Error);
            Assert.Null(m.DurationMs);
            Assert.Null(m.ExportConfigIds);
            Assert.Null(m.TotalInputTokens);
            Assert.Null(m.TotalOutputTokens);

            var empty = ReadWhole(Q("{'session_id':'a','job_metadata':{}}")).Session.JobMetadata!;
            Assert.Null(empty.Turns);
            Assert.Null(empty.IsError);
        }

        [Fact]
        public void IndexIdsNullEmptyAndMissing()
        {
            Assert.Null(ReadWhole(Q("{'session_id':'a','index_ids':null}")).Session.IndexIds);
            Assert.Null(ReadWhole(Q("{'session_id':'a'}")).Session.IndexIds);
            Assert.Empty(ReadWhole(Q("{'session_id':'a','index_ids':[]}")).Session.IndexIds!);
        }

        [Fact]
        public void EmptyEventsIsAnEmptyListAndMissingEventsIsNull()
        {
            var empty = ReadWhole(Q("{'session_id':'a','events':[]}")).Session;
            Assert.NotNull(empty.Events);
            Assert.Empty(empty.Events!);
            Assert.Equal(0, empty.EventCount);

            var missing = ReadWhole(Q("{'session_id':'a'}")).Session;
            Assert.Null(missing.Events);
            Assert.Null(missing.EventCount);
        }

        [Fact]
        public void IndexCountsFromZeroOverAllEvents()
        {
            var (s, events) = ReadWhole(AllTypesDocument, "ses-all");
            for (var i = 0; i < events.Count; i++) Assert.Equal(i, events[i].Index);
            Assert.Equal(events, s.Events);
        }

        [Fact]
        public void EventsAreStampedWithTheRequestedId()
        {
            var (s, events) = ReadWhole(Q("{'events':[{'content':'a','type':'text'}],'session_id':'ses-doc'}"), "ses-req");
            Assert.Equal("ses-req", Assert.Single(events).SessionId);
            Assert.Equal("ses-doc", s.SessionId);
        }

        [Fact]
        public void WithoutRequestedIdEventsGetTheDocumentsIdEvenWhenItComesAfterTheEvents()
        {
            var (s, events) = ReadWhole(Q("{'events':[{'content':'a','type':'text'},{'content':'b','type':'text'}],'session_id':'ses-late'}"), null);
            Assert.Equal("ses-late", s.SessionId);
            Assert.All(events, e => Assert.Equal("ses-late", e.SessionId));
            Assert.All(s.Events!, e => Assert.Equal("ses-late", e.SessionId));

            var (s2, events2) = ReadWhole(Q("{'session_id':'ses-early','events':[{'content':'a','type':'text'}]}"), null);
            Assert.Equal("ses-early", s2.SessionId);
            Assert.Equal("ses-early", Assert.Single(events2).SessionId);
        }

        [Fact]
        public void RequestedIdIsTheSessionIdWhenTheDocumentHasNone()
        {
            Assert.Equal("ses-req", ReadWhole(Q("{'events':[]}"), "ses-req").Session.SessionId);
            Assert.Equal("ses-req", ReadWhole(Q("{'session_id':null}"), "ses-req").Session.SessionId);
        }

        [Fact]
        public void UnknownTopLevelFieldsAreKeptAndDoNotBreakParsing()
        {
            var (s, events) = ReadWhole(Q("{'session_id':'a','new_field':{'deep':[1,{'x':null}]},'events':[{'content':'c','type':'text'}],'flag':true}"));
            Assert.Single(events);
            Assert.NotNull(s.ExtraFields);
            Assert.Equal(new[] { "new_field", "flag" }, s.ExtraFields!);
        }

        [Fact]
        public void EventsAreHandedOutWithoutKeepingThemWhenKeepEventsIsFalse()
        {
            var reader = new SessionReader("ses-1", new StreamedEvents(null));
            var output = new List<ChatEvent>();
            reader.Read(Utf8(AllTypesDocument), true, output);
            Assert.Equal(17, output.Count);
            Assert.Equal(17, reader.EventsSeen);
            Assert.Empty(reader.Session.Events!);
        }

        [Fact]
        public void ToStringAndSummaries()
        {
            var (_, events) = ReadWhole(AllTypesDocument, "ses-all");
            Assert.Equal("[8] text: Revenue grew 🚀", events[8].ToString());
            Assert.Equal("in=1200 out=85 turns=3 1500ms", events[9].Summary);
            Assert.StartsWith("search_index(", events[4].Summary);
            Assert.Equal("[12] (untyped): {\"content\":\"no type\"}", events[12].ToString());
        }
    }
}
