using QaBot.AppIcons;

// Writes color.png and outline.png into the folder given (the manifest folder), replacing what is there.
if (args.Length != 1 || !Directory.Exists(args[0]))
{
    await Console.Error.WriteLineAsync("usage: dotnet run --project manifest/tools/QaBot.AppIcons -- <manifest folder>");
    return 2;
}

var colour = Path.Combine(args[0], "color.png");
var outline = Path.Combine(args[0], "outline.png");
await File.WriteAllBytesAsync(colour, AppIconPainter.PaintColourPng());
await File.WriteAllBytesAsync(outline, AppIconPainter.PaintOutlinePng());
Console.WriteLine($"wrote {colour} ({AppIconPainter.ColourSize} x {AppIconPainter.ColourSize})");
Console.WriteLine($"wrote {outline} ({AppIconPainter.OutlineSize} x {AppIconPainter.OutlineSize})");
return 0;
