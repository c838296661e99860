using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WganService.Domain.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LearningRateDecay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Hyperparameters_LearningRateDecay",
                table: "Jobs",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                // Jobs before this migration trained without decay.
                defaultValue: "None");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Hyperparameters_LearningRateDecay",
                table: "Jobs");
        }
    }
}
