using System.Collections.Generic;
using LlamaCloud.Chat.Telemetry;

namespace LlamaCloud.Chat.Tests.Telemetry
{
    public class TraceIdsTests
    {
        [Fact]
        public void IdsAreDeterministicHexOfTheRightLength()
        {
            Assert.Equal(TraceIds.TraceId("ses-a"), TraceIds.TraceId("ses-a"));
            Assert.NotEqual(TraceIds.TraceId("ses-a"), TraceIds.TraceId("ses-b"));
            Assert.Matches("^[0-9a-f]{32}$", TraceIds.TraceId("ses-a"));
            Assert.Matches("^[0-9a-f]{16}$", TraceIds.TurnSpanId("ses-a", 1));
            Assert.Matches("^[0-9a-f]{16}$", TraceIds.ToolSpanId("ses-a", 1, 0));
            var all = new HashSet<string>();
            for (var turn = 1; turn <= 50; turn++)
            {
                Assert.True(all.Add(TraceIds.TurnSpanId("ses-a", turn)));
                for (var call = 0; call < 20; call++) Assert.True(all.Add(TraceIds.ToolSpanId("ses-a", turn, call)));
            }
        }

        [Fact]
        public void IdsAreTheLeadingBytesOfTheDocumentedHashes()
        {
            // docs/traces.md; the expected values are from sha256sum, e.g. printf 'llama-cloud-chat trace\nses-a' | sha256sum.
            Assert.Equal("10a9828f05aefc7dabc81b5d0ff76e59", TraceIds.TraceId("ses-a"));
            Assert.Equal("ea2303b022ff50cc", TraceIds.TurnSpanId("ses-a", 1));
            Assert.Equal("49dbd4c1f654cd3b", TraceIds.ToolSpanId("ses-a", 1, 0));
        }
    }
}
