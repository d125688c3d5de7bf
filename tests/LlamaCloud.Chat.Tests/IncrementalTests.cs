using System;
using System.Collections.Generic;
using System.Text;
using LlamaCloud.Chat.Serialization;
using static LlamaCloud.Chat.Tests.TestUtil;

namespace LlamaCloud.Chat.Tests
{
    public class IncrementalTests
    {
        private static string SessionFields(ChatSession s) =>
            string.Join("|", s.SessionId, s.LastUpdatedAt.Ticks, s.LastUpdatedAtText, s.GeneratedTitle,
                s.IndexIds == null ? "<null>" : string.Join(",", s.IndexIds), s.JobMetadata?.ToString() ?? "<null>", s.EventCount);

        private static void AssertSameAsWhole(byte[] doc, IEnumerable<int> chunkSizes, string? requestedId = "ses-1")
        {
            var (wholeSession, wholeEvents) = ReadWhole(doc, requestedId);
            var expected = DescribeAll(wholeEvents);
            var expectedSession = SessionFields(wholeSession);
            foreach (var chunk in chunkSizes)
            {
                var (reader, events) = ReadChunked(doc, chunk, requestedId);
                Assert.True(reader.IsComplete, $"chunk {chunk}: not complete");
                Assert.Equal(expected, DescribeAll(events));
                Assert.Equal(expected, DescribeAll(reader.Session.Events!));
                Assert.Equal(expectedSession, SessionFields(reader.Session));
            }
        }

        private static IEnumerable<int> Range(int from, int to)
        {
            for (var i = from; i <= to; i++) yield return i;
        }

        [Fact]
        public void EveryChunkSizeGivesTheSameEventsAsOneWholeRead()
        {
            var doc = Utf8(AllTypesDocument);
            Assert.Equal(17, ReadWhole(doc).Events.Count);
            AssertSameAsWhole(doc, Range(1, doc.Length + 1));
        }

        [Fact]
        public void EveryChunkSizeWithSessionIdAfterTheEventsAndNoRequestedId()
        {
            var doc = Utf8(Q("{'events':[{'content':'a','type':'text'},{'call_id':'c','name':'n','arguments':{'x':[1,2]}}],'session_id':'ses-late','last_updated_at':'2026-04-22T12:34:41.342245'}"));
            AssertSameAsWhole(doc, Range(1, doc.Length), requestedId: null);
            var (reader, _) = ReadChunked(doc, 5, requestedId: null);
            Assert.All(reader.Session.Events!, e => Assert.Equal("ses-late", e.SessionId));
        }

        [Fact]
        public void LargeNestedValuesSurviveEveryKindOfSplit()
        {
            var sb = new StringBuilder("{'nodes':[");
            for (var i = 0; i < 150; i++)
            {
                if (i > 0) sb.Append(',');
                sb.Append("{'text':'").Append(new string((char)('a' + i % 26), 60)).Append(" é🎉','metadata':{'page':").Append(i)
                  .Append(",'score':0.").Append(i + 1).Append(",'tags':[[],[{'k':null}],true]}}");
            }
            sb.Append("]}");
            var big = Q(sb.ToString());
            var deep = new string('[', 200) + "1" + new string(']', 200);
            var doc = Utf8(Q("{'session_id':'s','events':[{'content':'before','type':'text'},{'call_id':'c','name':'search','result':") + big
                + Q(",'type':'tool_result'},{'call_id':'d','name':'deep','arguments':{'v':") + deep
                + Q("}},{'content':'after','type':'text'}],'job_metadata':{'turns':1}}"));
            Assert.True(doc.Length > 20000);

            var (_, events) = ReadWhole(doc);
            Assert.Equal(4, events.Count);
            Assert.Equal(big, ((ToolResultEvent)events[1]).ResultJson);
            var nodes = (object[])P(((ToolResultEvent)events[1]).Result, "nodes")!;
            Assert.Equal(149L, P(P(nodes[149], "metadata"), "page"));

            AssertSameAsWhole(doc, new[] { 3, 7, 61, 1024, 4093, 16384, doc.Length });
        }

        [Fact]
        public void WholeBodyInANonFinalReadThenAnEmptyFinalRead()
        {
            var doc = Utf8(AllTypesDocument);
            var reader = new SessionReader("ses-1", new KeptEvents());
            var output = new List<ChatEvent>();
            var consumed = reader.Read(doc, false, output);
            Assert.Equal(doc.Length, consumed);
            Assert.True(reader.IsComplete);
            Assert.Equal(17, output.Count);
        }

        [Fact]
        public void EventsAreHandedOutAsSoonAsEachIsComplete()
        {
            var doc = Utf8(Q("{'session_id':'s','events':[{'content':'a','type':'text'},{'content':'b','type':'text'}]}"));
            var firstEnd = Encoding.UTF8.GetString(doc).IndexOf("},", StringComparison.Ordinal) + 1;
            var reader = new SessionReader("s", new StreamedEvents(null));
            var output = new List<ChatEvent>();
            var consumed = reader.Read(new ReadOnlySpan<byte>(doc, 0, firstEnd + 3), false, output);
            Assert.Equal("a", ((TextEvent)Assert.Single(output)).Content);
            Assert.False(reader.IsComplete);
            Assert.True(consumed <= firstEnd + 3);
        }

        [Fact]
        public void TruncatedDocumentsThrowMentioningTruncation()
        {
            var doc = Utf8(AllTypesDocument);
            var failures = new List<string>();
            for (var len = 1; len < doc.Length; len++)
            {
                var prefix = new byte[len];
                Array.Copy(doc, prefix, len);
                var ex = Record.Exception(() => ReadWhole(prefix));
                if (ex is not InvalidSessionJsonException || ex.Message.IndexOf("truncated", StringComparison.OrdinalIgnoreCase) < 0)
                    failures.Add($"length {len}: {ex?.GetType().Name}: {ex?.Message}");
            }
            Assert.True(failures.Count == 0, $"{failures.Count} of {doc.Length - 1} prefixes, e.g.\n" + string.Join("\n", failures.GetRange(0, Math.Min(5, failures.Count))));
        }

        [Fact]
        public void TruncatedDocumentsAlwaysThrowInvalidSessionJsonException()
        {
            var doc = Utf8(AllTypesDocument);
            for (var len = 1; len < doc.Length; len++)
            {
                var prefix = new byte[len];
                Array.Copy(doc, prefix, len);
                Assert.Throws<InvalidSessionJsonException>(() => ReadWhole(prefix));
                if (len % 13 == 0) Assert.Throws<InvalidSessionJsonException>(() => ReadChunked(prefix, 5));
            }
        }

        [Fact]
        public void TruncatedStreamThrowsMentioningTruncation()
        {
            // The network case: the connection closes after a complete event, between values.
            var doc = Utf8(Q("{'session_id':'s','events':[{'content':'a','type':'text'},"));
            var ex = Assert.Throws<InvalidSessionJsonException>(() => ReadChunked(doc, 8));
            Assert.Contains("truncated", ex.Message, StringComparison.OrdinalIgnoreCase);
        }

        [Theory]
        [InlineData("{'session_id':'a',}")]
        [InlineData("{'session_id':x}")]
        [InlineData("{'session_id' 'a'}")]
        [InlineData("{'events':[{'type':'text',}]}")]
        [InlineData("{'events':[1 2]}")]
        [InlineData("{'events':[{'content':'a'}}")]
        [InlineData("{'a':tru}")]
        [InlineData("{\u00a0}")]
        [InlineData("}")]
        [InlineData("{'a':'\u0001'}")]
        public void MalformedJsonThrowsInvalidSessionJsonException(string json)
        {
            var doc = Utf8(json.Replace("'", "\""));
            var ex = Assert.Throws<InvalidSessionJsonException>(() => ReadWhole(doc));
            Assert.NotEmpty(ex.Message);
            foreach (var chunk in new[] { 1, 3 })
                Assert.Throws<InvalidSessionJsonException>(() => ReadChunked(doc, chunk));
        }

        [Fact]
        public void SingleQuotedJsonIsRejected()
        {
            Assert.Throws<InvalidSessionJsonException>(() => ReadWhole("{'session_id':'a'}"));
        }

        [Fact]
        public void MalformedJsonCarriesTheReaderErrorAsInnerException()
        {
            var ex = Assert.Throws<InvalidSessionJsonException>(() => ReadWhole("{\"session_id\":x}"));
            Assert.IsAssignableFrom<System.Text.Json.JsonException>(ex.InnerException);
            Assert.Contains("not valid JSON", ex.Message);
        }

        [Fact]
        public void TooDeepNestingIsRejectedCleanly()
        {
            var deep = new string('[', 300) + new string(']', 300);
            Assert.Throws<InvalidSessionJsonException>(() => ReadWhole("{\"session_id\":\"s\",\"events\":[{\"result\":" + deep + ",\"type\":\"tool_result\"}]}"));
        }

        [Theory]
        [InlineData("[]", "an array")]
        [InlineData("[{'session_id':'a'}]", "an array")]
        [InlineData("'ses-1'", "a string")]
        [InlineData("42", "a number")]
        [InlineData("null", "null")]
        [InlineData("true", "a boolean")]
        public void TopLevelNonObjectThrows(string json, string what)
        {
            var ex = Assert.Throws<InvalidSessionJsonException>(() => ReadWhole(Q(json)));
            Assert.Contains("Expected a JSON object", ex.Message);
            Assert.Contains(what, ex.Message);
        }

        [Theory]
        [InlineData("{'events':5}")]
        [InlineData("{'events':'x'}")]
        [InlineData("{'events':{}}")]
        public void EventsThatIsNotAnArrayThrows(string json)
        {
            var ex = Assert.Throws<InvalidSessionJsonException>(() => ReadWhole(Q(json)));
            Assert.Contains("'events'", ex.Message);
        }

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("\r\n")]
        public void EmptyBodyThrowsSayingEmpty(string body)
        {
            var ex = Assert.Throws<InvalidSessionJsonException>(() => ReadWhole(body));
            Assert.Contains("empty", ex.Message, StringComparison.OrdinalIgnoreCase);
            var ex2 = Assert.Throws<InvalidSessionJsonException>(() => ReadChunked(Utf8(body), 1));
            Assert.Contains("empty", ex2.Message, StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public void NonFinalReadsOfAPartialDocumentDoNotThrow()
        {
            var doc = Utf8(AllTypesDocument);
            var reader = new SessionReader("s", new KeptEvents());
            var consumed = reader.Read(new ReadOnlySpan<byte>(doc, 0, doc.Length / 2), false);
            Assert.InRange(consumed, 1, doc.Length / 2);
            Assert.False(reader.IsComplete);
            Assert.Equal(0, reader.Read(ReadOnlySpan<byte>.Empty, false, null));
        }
    }
}
