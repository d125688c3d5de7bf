using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using LlamaCloud.Chat.Api;
using LlamaCloud.Chat.Http;
using LlamaCloud.Chat.Serialization;
using LlamaCloud.Chat.Tests.Support;
using static LlamaCloud.Chat.Tests.Support.TestUtil;

namespace LlamaCloud.Chat.Tests.Api
{
    /// <summary>The real caller loop (ResponseBody.ReadSessionAsync) over a body that arrives in uneven pieces.</summary>
    public class ResponseBodyTests
    {
        private static HttpResponseMessage Response(byte[] body, string mediaType = "application/json", params int[] sizes)
        {
            var content = new StreamContent(new TrickleStream(body, sizes.Length == 0 ? new[] { 1, 7, 300, 2, 65536, 13 } : sizes));
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content };
        }

        private static async Task<(SessionReader Reader, List<ChatEvent> Batched)> ReadAsync(HttpResponseMessage response, bool batches)
        {
            using var ctx = new AttemptContext(1, TimeSpan.FromSeconds(30), CancellationToken.None);
            var reader = new SessionReader("ses-1", batches ? new StreamedEvents(null) : new KeptEvents());
            var collected = new List<ChatEvent>();
            await ResponseBody.ReadSessionAsync(response, reader,
                batches ? b => { collected.AddRange(b); return Task.CompletedTask; } : null, ctx);
            return (reader, collected);
        }

        [Fact]
        public async Task TrickledBodyGivesTheSameEventsAsOneWholeRead()
        {
            var doc = Utf8(AllTypesDocument);
            var expected = DescribeAll(ReadWhole(doc).Events);
            var (kept, _) = await ReadAsync(Response(doc), batches: false);
            Assert.Equal(expected, DescribeAll(kept.Session.Events!));
            var (_, batched) = await ReadAsync(Response(doc, sizes: new[] { 3, 1, 11 }), batches: true);
            Assert.Equal(expected, DescribeAll(batched));
            // And both as Utf8JsonReader alone says the body reads.
            var oracle = JsonOracle.Read(doc, "ses-1").Events!;
            Assert.Equal(17, oracle.Count);
            Assert.Equal(oracle, JsonOracle.ObserveAll(kept.Session.Events!));
            Assert.Equal(oracle, JsonOracle.ObserveAll(batched));
        }

        [Fact]
        public async Task AValueLargerThanTheBufferGrowsItAndIsReadWhole()
        {
            var text = new StringBuilder();
            for (var i = 0; i < 15000; i++) text.Append("chunk ").Append(i).Append(" é🎉 ");
            var content = text.ToString(); // well over the 64 KiB first buffer
            var doc = Utf8("{\"session_id\":\"s\",\"events\":[{\"content\":\"a\",\"type\":\"text\"},{\"call_id\":\"c\",\"name\":\"n\",\"result\":{\"text\":\""
                + content + "\"},\"type\":\"tool_result\"},{\"content\":\"z\",\"type\":\"text\"}]}");
            Assert.True(doc.Length > 3 * 65536);
            var (reader, _) = await ReadAsync(Response(doc, sizes: new[] { 4000, 70000, 1 }), batches: false);
            var events = reader.Session.Events!;
            Assert.Equal(3, events.Count);
            Assert.Equal(content, P(((ToolResultEvent)events[1]).Result, "text"));
            Assert.Equal("z", ((TextEvent)events[2]).Content);
        }

        [Fact]
        public async Task TruncatedBodyThrows()
        {
            var doc = Utf8(AllTypesDocument);
            var cut = new byte[doc.Length / 2];
            Array.Copy(doc, cut, cut.Length);
            await Assert.ThrowsAsync<InvalidSessionJsonException>(() => ReadAsync(Response(cut), batches: true));
        }

        [Fact]
        public async Task EmptyBodyThrowsSayingEmpty()
        {
            var ex = await Assert.ThrowsAsync<InvalidSessionJsonException>(() => ReadAsync(Response(Array.Empty<byte>()), batches: false));
            Assert.Contains("empty", ex.Message, StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public async Task HtmlFromAProxyIsNamed()
        {
            var html = Utf8("<html><head><title>504 Gateway Time-out</title></head><body></body></html>");
            var ex = await Assert.ThrowsAsync<InvalidSessionJsonException>(() => ReadAsync(Response(html, "text/html"), batches: false));
            Assert.Contains("text/html", ex.Message);
            Assert.Contains("504 Gateway Time-out", ex.Message);
        }

        /// <summary>Hands out the body a few bytes at a time.</summary>
        private sealed class ChunkedStream : MemoryStream
        {
            private readonly int _chunk;
            internal ChunkedStream(byte[] data, int chunk) : base(data) { _chunk = chunk; }
            public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, _chunk));
            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
                => Task.FromResult(Read(buffer, offset, count));
        }

        private static async Task<(byte[] Copy, SessionReader Reader)> CopyAsync(byte[] body, int chunk)
        {
            var content = new StreamContent(new ChunkedStream(body, chunk));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content };
            using var ctx = new AttemptContext(1, TimeSpan.FromSeconds(30), CancellationToken.None);
            var reader = new SessionReader("ses-1", SummaryOnly.Instance);
            using var copy = new MemoryStream();
            await ResponseBody.ReadSessionAsync(response, reader, null, ctx, copy);
            return (copy.ToArray(), reader);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(5)]
        [InlineData(100000)]
        public async Task CopiesEveryByteIncludingTrailingWhitespaceAndReadsTheSummary(int chunk)
        {
            var body = Utf8(Q("{'events':[{'content':'Grüße \\u00e9','type':'text'},{'x':[1,{'y':null}]}],'last_updated_at':'2026-01-02T03:04:05.000006','session_id':'ses-1'} \n\n"));
            var (copy, reader) = await CopyAsync(body, chunk);
            Assert.Equal(body, copy);
            Assert.True(reader.IsComplete);
            Assert.Equal("2026-01-02T03:04:05.000006", reader.Session.LastUpdatedAtText);
            Assert.Equal(2, reader.EventsSeen);
        }

        [Theory]
        [InlineData("{'session_id':'a','events':[]} x")]
        [InlineData("{'session_id':'a','events':[]}{}")]
        [InlineData("{'session_id':'a','events':[{'type':'text'}")]
        [InlineData("{'session_id':'a','events':[{'type':'text',]}")]
        [InlineData("[1,2]")]
        public async Task ABodyThatIsNotExactlyOneSessionFails(string json)
        {
            foreach (var chunk in new[] { 1, 4096 })
                await Assert.ThrowsAsync<InvalidSessionJsonException>(() => CopyAsync(Utf8(Q(json)), chunk));
        }
    }
}
