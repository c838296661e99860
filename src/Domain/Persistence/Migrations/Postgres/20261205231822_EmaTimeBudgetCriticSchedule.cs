using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WganService.Domain.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EmaTimeBudgetCriticSchedule : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Hyperparameters_CriticSchedule",
                table: "Jobs",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Constant"); // jobs created before this trained with n_critic every step

            migrationBuilder.AddColumn<double>(
                name: "Hyperparameters_GeneratorEma",
                table: "Jobs",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "Hyperparameters_MaxTrainingMinutes",
                table: "Jobs",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StoppedBy",
                table: "Jobs",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Hyperparameters_CriticSchedule",
                table: "Jobs");

            migrationBuilder.DropColumn(
                name: "Hyperparameters_GeneratorEma",
                table: "Jobs");

            migrationBuilder.DropColumn(
                name: "Hyperparameters_MaxTrainingMinutes",
                table: "Jobs");

            migrationBuilder.DropColumn(
                name: "StoppedBy",
                table: "Jobs");
        }
    }
}
