namespace LlamaCloud.Chat.Transcripts
{
    /// <summary>An attachment's image for an HTML transcript, or why it could not be had.</summary>
    internal sealed class EmbeddedImage
    {
        private EmbeddedImage(byte[]? bytes, string? problem)
        {
            Bytes = bytes;
            Problem = problem;
        }

        internal byte[]? Bytes { get; }
        internal string? Problem { get; }

        internal static EmbeddedImage Of(byte[] bytes) => new EmbeddedImage(bytes, null);
        internal static EmbeddedImage Failed(string problem) => new EmbeddedImage(null, problem);

        /// <summary>The image type the bytes themselves show (PNG, JPEG, GIF, WebP); null for anything else (SVG, which
        /// can carry script, HTML, text). The data: URI takes this, never the server's Content-Type.</summary>
        internal static string? Sniff(byte[] b)
        {
            if (b.Length >= 8 && b[0] == 0x89 && b[1] == 0x50 && b[2] == 0x4E && b[3] == 0x47 && b[4] == 0x0D && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) return "image/png";
            if (b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return "image/jpeg";
            if (b.Length >= 6 && b[0] == (byte)'G' && b[1] == (byte)'I' && b[2] == (byte)'F' && b[3] == (byte)'8' && (b[4] == (byte)'7' || b[4] == (byte)'9') && b[5] == (byte)'a') return "image/gif";
            if (b.Length >= 12 && b[0] == (byte)'R' && b[1] == (byte)'I' && b[2] == (byte)'F' && b[3] == (byte)'F'
                && b[8] == (byte)'W' && b[9] == (byte)'E' && b[10] == (byte)'B' && b[11] == (byte)'P') return "image/webp";
            return null;
        }
    }
}
