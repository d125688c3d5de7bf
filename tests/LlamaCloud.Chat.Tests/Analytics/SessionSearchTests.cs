using System.Linq;
using LlamaCloud.Chat.Analytics;
using LlamaCloud.Chat.Serialization;
using static LlamaCloud.Chat.Tests.Support.SessionBodies;
using static LlamaCloud.Chat.Tests.Support.TestUtil;

namespace LlamaCloud.Chat.Tests.Analytics
{
    /// <summary>What a session search reports: typed matches with the events around them.</summary>
    public class SessionSearchTests
    {
        private static EventFilter Search(string pattern, int around, string[]? types = null) =>
            new EventFilter(types, null).WithSearch(new SearchPattern(pattern, false, false).Bytes, around);

        [Fact]
        public void TheSearchReportsTypedMatchesWithTheirContext()
        {
            var filter = Search("needle", 1);
            var (_, events) = ReadWhole(NeedleDocument, "ses-s", filter);
            var search = new SessionSearch(new SearchPattern("needle", false, false), filter, 1, null);
            var found = new System.Collections.Generic.List<ChatSearchMatch>();
            foreach (var e in events) search.Add(e, found);
            search.Complete(found);
            Assert.Equal(new[] { "3:content:a needle 3", "5:content:an needle", "7:content:a needle 7" }, found.Select(m => $"{m.Index}:{m.Field}:{m.Line}").ToArray());
            Assert.Equal(new[] { 2 }, found[0].Before.Select(e => e.Index!.Value).ToArray());
            Assert.Equal(new[] { 4 }, found[0].After.Select(e => e.Index!.Value).ToArray());
            Assert.Equal(new[] { 8 }, found[2].After.Select(e => e.Index!.Value).ToArray());
        }
    }
}
