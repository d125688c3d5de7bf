namespace LlamaCloud.Chat.Serialization
{
    /// <summary>JSON from a response, converted to PowerShell values by <see cref="JsonToPowerShell"/> when first read.</summary>
    internal sealed class PowerShellJson : JsonPayload
    {
        internal PowerShellJson(byte[] utf8) : base(utf8) { }

        private protected override object? Convert(byte[] utf8) => JsonToPowerShell.Convert(utf8);
    }
}
