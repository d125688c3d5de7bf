using System;
using System.Management.Automation;

namespace LlamaCloud.Chat.Commands
{
    // Not ValidateLength: it counts UTF-16 units, two for an emoji, where the API counts code points.
    /// <summary>
    /// Checks a chat prompt at binding: 1 to 1000 characters as the API counts them (an emoji is one character).
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidatePromptAttribute : ValidateArgumentsAttribute
    {
        /// <summary>The API's limit.</summary>
        public const int MaxLength = 1000;

        /// <inheritdoc />
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var s = PSValue.AsString(arguments) ?? throw new ValidationMetadataException(Messages.PromptNotString());
            var length = CodePoints(s);
            if (length < 1) throw new ValidationMetadataException(Messages.PromptEmpty());
            if (length > MaxLength)
                throw new ValidationMetadataException(Messages.PromptTooLong(length, MaxLength));
        }

        internal static int CodePoints(string s)
        {
            var n = 0;
            for (var i = 0; i < s.Length; i++)
            {
                if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
                n++;
            }
            return n;
        }
    }
}
