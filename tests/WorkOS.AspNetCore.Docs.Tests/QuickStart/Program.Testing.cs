// What the testing recipe asks the app to add at the end of Program.cs, so its tests can name the app.
public partial class Program;
