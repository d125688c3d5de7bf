using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using LlamaCloud.Chat.Api;
using LlamaCloud.Chat.Http;
using LlamaCloud.Chat.Tests.Support;
using static LlamaCloud.Chat.Tests.Support.TestUtil;

namespace LlamaCloud.Chat.Tests.Api
{
    public class ResumableEventReadTests
    {
        private static HttpResponseMessage Response(byte[] body, int breakAt, string mediaType)
        {
            var content = new StreamContent(new BreakingStream(body, breakAt));
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content };
        }

        private static async Task<List<ChatEvent>> Drain(EventChannel channel)
        {
            var all = new List<ChatEvent>();
            List<ChatEvent>? batch;
            while ((batch = await channel.ReadAsync(CancellationToken.None)) != null) all.AddRange(batch);
            return all;
        }

        [Fact]
        public async Task AResumedReadDeliversEveryEventExactlyOnce()
        {
            var doc = Utf8(AllTypesDocument);
            var expected = DescribeAll(ReadWhole(doc).Events);
            var channel = new EventChannel(1000);
            var read = new ResumableEventRead("ses-1", null, channel, CancellationToken.None);
            using (var ctx = new AttemptContext(1, TimeSpan.FromSeconds(30), CancellationToken.None))
                await Assert.ThrowsAsync<IOException>(() => read.ReadAsync(Response(doc, doc.Length * 2 / 3, "application/json"), ctx));
            var afterFirst = read.Delivered;
            Assert.InRange(afterFirst, 1, expected.Count - 1);
            using (var ctx = new AttemptContext(2, TimeSpan.FromSeconds(30), CancellationToken.None))
                Assert.True(await read.ReadAsync(Response(doc, doc.Length, "application/json"), ctx));
            channel.Complete(null);
            var delivered = await Drain(channel);
            Assert.Equal(expected, DescribeAll(delivered));
            Assert.Equal(expected.Count, read.Delivered);
            // And as Utf8JsonReader alone says the body reads.
            var oracle = JsonOracle.Read(doc, "ses-1").Events!;
            Assert.Equal(17, oracle.Count);
            Assert.Equal(oracle, JsonOracle.ObserveAll(delivered));
        }
    }
}
