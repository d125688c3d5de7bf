using System;

namespace LlamaCloud.Chat.Archive
{
    /// <summary>One session of an archive index: its file name, the last_updated_at of the archived copy, its size.</summary>
    internal sealed class ArchiveEntry : IEquatable<ArchiveEntry>
    {
        internal ArchiveEntry(string file, string? lastUpdatedAt, long length)
        {
            File = file;
            LastUpdatedAt = lastUpdatedAt;
            Length = length;
        }

        internal string File { get; }

        /// <summary>The timestamp text as the archived body has it (null when it has none).</summary>
        internal string? LastUpdatedAt { get; }

        internal long Length { get; }

        public bool Equals(ArchiveEntry? other) =>
            other != null && other.File == File && other.LastUpdatedAt == LastUpdatedAt && other.Length == Length;

        public override bool Equals(object? obj) => Equals(obj as ArchiveEntry);

        public override int GetHashCode() => File.GetHashCode();
    }
}
