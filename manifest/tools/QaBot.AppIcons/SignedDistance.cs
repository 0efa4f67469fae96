namespace QaBot.AppIcons;

/// <summary>
/// Signed distance functions: negative inside a shape, positive outside, zero on its edge. Shapes drawn this way
/// stay crisp at any size, and an outline is simply the band where the distance is close to zero.
/// </summary>
public static class SignedDistance
{
    public static double RoundedRectangle(Vector2D p, Vector2D topLeft, Vector2D bottomRight, double radius)
    {
        var centre = (topLeft + bottomRight) * 0.5;
        var half = (bottomRight - topLeft) * 0.5;
        var qx = Math.Abs(p.X - centre.X) - half.X + radius;
        var qy = Math.Abs(p.Y - centre.Y) - half.Y + radius;
        var outside = new Vector2D(Math.Max(qx, 0), Math.Max(qy, 0)).Length;
        var inside = Math.Min(Math.Max(qx, qy), 0);
        return outside + inside - radius;
    }

    /// <summary>Distance to a thick line with round ends.</summary>
    public static double Capsule(Vector2D p, Vector2D a, Vector2D b, double halfWidth) => Segment(p, a, b) - halfWidth;

    /// <summary>Distance to a polyline drawn with round joins and ends.</summary>
    public static double Stroke(Vector2D p, IReadOnlyList<Vector2D> points, double halfWidth)
    {
        var best = double.MaxValue;
        for (var i = 1; i < points.Count; i++)
        {
            best = Math.Min(best, Segment(p, points[i - 1], points[i]));
        }

        return best - halfWidth;
    }

    /// <summary>Distance to a simple polygon (any winding), negative inside by the even-odd rule.</summary>
    public static double Polygon(Vector2D p, IReadOnlyList<Vector2D> vertices)
    {
        var distance = double.MaxValue;
        var inside = false;
        for (int i = 0, j = vertices.Count - 1; i < vertices.Count; j = i++)
        {
            var a = vertices[j];
            var b = vertices[i];
            distance = Math.Min(distance, Segment(p, a, b));
            if ((b.Y > p.Y) != (a.Y > p.Y) && p.X < ((a.X - b.X) * (p.Y - b.Y) / (a.Y - b.Y)) + b.X)
            {
                inside = !inside;
            }
        }

        return inside ? -distance : distance;
    }

    public static double Union(double a, double b) => Math.Min(a, b);

    /// <summary>The band of the given half-width either side of a shape's edge.</summary>
    public static double Outline(double distance, double halfWidth) => Math.Abs(distance) - halfWidth;

    private static double Segment(Vector2D p, Vector2D a, Vector2D b)
    {
        var ab = b - a;
        var t = Math.Clamp((p - a).Dot(ab) / ab.Dot(ab), 0, 1);
        return (p - (a + (ab * t))).Length;
    }
}
