using System;
using System.Collections.Generic;
using System.IO;
using LlamaCloud.Chat.Archive;

namespace LlamaCloud.Chat.Tests.Archive
{
    /// <summary>The archive folder's index, as Sync-LlamaChatArchive keeps it.</summary>
    public sealed class ArchiveIndexTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "llama-archive-state-" + Guid.NewGuid().ToString("N"));

        public ArchiveIndexTests() => Directory.CreateDirectory(_folder);

        public void Dispose() => Directory.Delete(_folder, true);

        [Fact]
        public void TheIndexRoundTripsAndIsTheSameWhateverTheOrderOfWrites()
        {
            var warnings = new List<string>();
            var a = new ArchiveIndex();
            a.Set("ses-b", new ArchiveEntry("ses-b.json", "2026-01-01T00:00:00", 10));
            a.Set("Grüße", new ArchiveEntry("^gr%C3%BC%C3%9Fe.json", null, 3));
            a.Set("ses-a", new ArchiveEntry("ses-a.json", "2026-01-02T00:00:00.5", 7));
            Assert.True(a.Dirty);
            a.Save(_folder);
            Assert.False(a.Dirty);
            var first = File.ReadAllBytes(Path.Combine(_folder, ArchiveIndex.FileName));

            var b = ArchiveIndex.Load(_folder, warnings.Add);
            Assert.Empty(warnings);
            Assert.Equal(new[] { "Grüße", "ses-a", "ses-b" }, new List<string>(b.Ids));
            Assert.Equal(new ArchiveEntry("ses-a.json", "2026-01-02T00:00:00.5", 7), b.Get("ses-a"));
            Assert.Null(b.Get("Grüße")!.LastUpdatedAt);
            // Setting what is already there changes nothing; a reordered set of writes gives the same bytes.
            b.Set("ses-b", new ArchiveEntry("ses-b.json", "2026-01-01T00:00:00", 10));
            Assert.False(b.Dirty);
            var c = new ArchiveIndex();
            c.Set("ses-a", new ArchiveEntry("ses-a.json", "2026-01-02T00:00:00.5", 7));
            c.Set("Grüße", new ArchiveEntry("^gr%C3%BC%C3%9Fe.json", null, 3));
            c.Set("ses-b", new ArchiveEntry("ses-b.json", "2026-01-01T00:00:00", 10));
            c.Save(_folder);
            Assert.Equal(first, File.ReadAllBytes(Path.Combine(_folder, ArchiveIndex.FileName)));
            Assert.Single(Directory.GetFiles(_folder)); // no temporary file left
        }

        [Fact]
        public void AnUnreadableIndexIsAWarningAndAnEmptyIndex()
        {
            File.WriteAllText(Path.Combine(_folder, ArchiveIndex.FileName), "{\"sessions\":[{\"session_id\":");
            var warnings = new List<string>();
            var index = ArchiveIndex.Load(_folder, warnings.Add);
            Assert.Empty(index.Ids);
            Assert.Single(warnings);
        }
    }
}
