namespace LlamaCloud.Chat.Transcripts
{
    /// <summary>What a transcript shows besides the prompts, answers and tool calls.</summary>
    internal sealed class TranscriptOptions
    {
        /// <summary>Show each turn's reasoning.</summary>
        internal bool IncludeThinking { get; set; }

        /// <summary>Show what each tool returned.</summary>
        internal bool IncludeToolOutput { get; set; }

        /// <summary>Longer tool results are cut to this many characters, with a note saying how much was left out. 0 = no limit.</summary>
        internal int MaxToolOutputLength { get; set; } = 4000;

        /// <summary>HTML only: fetches an attachment's image to embed as a data: URI; null embeds none.</summary>
        internal System.Func<ImageAttachment, EmbeddedImage>? Images { get; set; }
    }
}
