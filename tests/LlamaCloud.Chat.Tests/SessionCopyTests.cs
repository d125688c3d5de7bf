using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using LlamaCloud.Chat.Commands;
using LlamaCloud.Chat.Api;
using LlamaCloud.Chat.Http;
using LlamaCloud.Chat.Serialization;
using static LlamaCloud.Chat.Tests.TestUtil;

namespace LlamaCloud.Chat.Tests
{
    /// <summary>ResponseBody.ReadSessionAsync with a copy target, as Export-LlamaChatSession and Sync-LlamaChatArchive use it.</summary>
    public class SessionCopyTests
    {
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

        [Theory]
        [InlineData("2026-01-02T03:04:05.000006", "2026-01-02T03:04:05.000006", true)]
        [InlineData("2026-01-02T03:04:05.000006", "2026-01-02T03:04:05.000006Z", true)]
        [InlineData("2026-01-02T03:04:05.000006", "2026-01-02T03:04:05.000007", false)]
        [InlineData(null, null, true)]
        [InlineData(null, "2026-01-02T03:04:05", false)]
        [InlineData("yesterday", "yesterday", true)]
        [InlineData("yesterday", "today", false)]
        public void StampsCompareByTextOrInstant(string? archived, string? listed, bool same)
        {
            Assert.Equal(same, SyncLlamaChatArchiveCommand.SameStamp(archived, listed));
        }
    }
}
