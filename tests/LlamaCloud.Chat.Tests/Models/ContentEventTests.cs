using System.Collections.Generic;
using System.Linq;
using LlamaCloud.Chat.Serialization;
using LlamaCloud.Chat.Tests.Support;

namespace LlamaCloud.Chat.Tests.Models
{
    /// <summary>Text that stays in the response buffer until read must read exactly like text decoded at once.</summary>
    public class ContentEventTests
    {
        private const string Doc = "{'session_id':'s','events':[" +
            "{'content':'plain','type':'text_delta'}," +
            "{'content':'Grüße — 日本語 😀','type':'thinking_delta'}," +
            "{'content':'esc \\\"q\\\" \\n \\u00e9','type':'text'}," +
            "{'content':'','type':'user_input'}," +
            "{'content':null,'type':'thinking'}," +
            "{'content':42,'type':'text'}]}";

        private static List<string?> Contents(IEnumerable<ChatEvent> events) =>
            events.Select(e => e is ContentEvent c ? c.Content : null).ToList();

        [Fact]
        public void OwnedBuffersGiveTheSameContentAsEagerDecoding()
        {
            var bytes = TestUtil.Utf8(TestUtil.Q(Doc));
            var eager = new SessionReader("s", new KeptEvents());
            eager.Read(bytes, true);
            var padded = new AppendOnlyBuffer(bytes.Length + 7);
            padded.Append(new byte[7]);
            padded.Append(bytes);
            var lazy = new SessionReader("s", new KeptEvents());
            lazy.Read(padded, 7, true);
            Assert.Equal(Contents(eager.Session.Events!), Contents(lazy.Session.Events!));
            Assert.Equal("Grüße — 日本語 😀", ((ContentEvent)lazy.Session.Events![1]).Content);
            Assert.Equal("esc \"q\" \n é", ((ContentEvent)lazy.Session.Events![2]).Content);
        }

        [Fact]
        public void ContentIsStableAcrossReads()
        {
            var bytes = TestUtil.Utf8(TestUtil.Q(Doc));
            var owned = AppendOnlyBuffer.CopyOf(bytes);
            var lazy = new SessionReader("s", new KeptEvents());
            lazy.Read(owned, 0, true);
            var e = (ContentEvent)lazy.Session.Events![0];
            Assert.Same(e.Content, e.Content);
            Assert.Equal("plain", e.Summary);
        }
    }
}
