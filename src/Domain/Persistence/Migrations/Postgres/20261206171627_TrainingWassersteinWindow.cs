using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WganService.Domain.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TrainingWassersteinWindow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "TrainingWassersteinFdSpearman",
                table: "Jobs",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "TrainingWassersteinSwdSpearman",
                table: "Jobs",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "TrainingWassersteinMean",
                table: "Evaluations",
                type: "double precision",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TrainingWassersteinFdSpearman",
                table: "Jobs");

            migrationBuilder.DropColumn(
                name: "TrainingWassersteinSwdSpearman",
                table: "Jobs");

            migrationBuilder.DropColumn(
                name: "TrainingWassersteinMean",
                table: "Evaluations");
        }
    }
}
