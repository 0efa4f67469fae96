namespace QaBot.AppIcons;

/// <summary>A point or offset in icon space.</summary>
public readonly record struct Vector2D(double X, double Y)
{
    public static Vector2D operator +(Vector2D a, Vector2D b) => new(a.X + b.X, a.Y + b.Y);

    public static Vector2D operator -(Vector2D a, Vector2D b) => new(a.X - b.X, a.Y - b.Y);

    public static Vector2D operator *(Vector2D a, double k) => new(a.X * k, a.Y * k);

    public double Dot(Vector2D other) => (X * other.X) + (Y * other.Y);

    public double Length => Math.Sqrt(Dot(this));
}
