using Xunit;

namespace WasmBind.Analyzers.Tests;

/// <summary>The article in messages built from type names follows the sound of the word.</summary>
public class WordingTests
{
    [Theory]
    [InlineData("Instance", "an Instance")]
    [InlineData("IRenderer", "an IRenderer")]
    [InlineData("Extern", "an Extern")]
    [InlineData("Engine", "an Engine")]
    [InlineData("Store", "a Store")]
    [InlineData("Memory", "a Memory")]
    [InlineData("TypedFunc", "a TypedFunc")]
    [InlineData("UserPlugin", "a UserPlugin")]
    [InlineData("UnsafeBuffer", "an UnsafeBuffer")]
    [InlineData("Update", "an Update")]
    public void Article_follows_the_word(string noun, string expected) => Assert.Equal(expected, Wording.WithArticle(noun));
}
