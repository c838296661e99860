using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WganService.Domain.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddTenants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Rows from before tenants belong to the default tenant (TenantScope.DefaultTenant, written out:
            // a migration must not change when the code does), which is what an open service acts as.
            migrationBuilder.DropForeignKey(
                name: "FK_ModelVersions_Models_Name",
                table: "ModelVersions");

            migrationBuilder.DropPrimaryKey(
                name: "PK_Models",
                table: "Models");

            migrationBuilder.DropPrimaryKey(
                name: "PK_ModelVersions",
                table: "ModelVersions");

            migrationBuilder.DropIndex(
                name: "IX_Jobs_IdempotencyKey",
                table: "Jobs");

            migrationBuilder.AddColumn<string>(
                name: "Tenant",
                table: "Models",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "Tenant",
                table: "ModelVersions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "Tenant",
                table: "Jobs",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddColumn<string>(
                name: "Tenant",
                table: "Datasets",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "default");

            migrationBuilder.AddPrimaryKey(
                name: "PK_Models",
                table: "Models",
                columns: new[] { "Tenant", "Name" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_ModelVersions",
                table: "ModelVersions",
                columns: new[] { "Tenant", "Name", "Version" });

            migrationBuilder.CreateIndex(
                name: "IX_Jobs_Tenant_CreatedAt",
                table: "Jobs",
                columns: new[] { "Tenant", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Jobs_Tenant_IdempotencyKey",
                table: "Jobs",
                columns: new[] { "Tenant", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Datasets_Tenant_CreatedAt",
                table: "Datasets",
                columns: new[] { "Tenant", "CreatedAt" });

            migrationBuilder.AddForeignKey(
                name: "FK_ModelVersions_Models_Tenant_Name",
                table: "ModelVersions",
                columns: new[] { "Tenant", "Name" },
                principalTable: "Models",
                principalColumns: new[] { "Tenant", "Name" },
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ModelVersions_Models_Tenant_Name",
                table: "ModelVersions");

            migrationBuilder.DropPrimaryKey(
                name: "PK_Models",
                table: "Models");

            migrationBuilder.DropPrimaryKey(
                name: "PK_ModelVersions",
                table: "ModelVersions");

            migrationBuilder.DropIndex(
                name: "IX_Jobs_Tenant_CreatedAt",
                table: "Jobs");

            migrationBuilder.DropIndex(
                name: "IX_Jobs_Tenant_IdempotencyKey",
                table: "Jobs");

            migrationBuilder.DropIndex(
                name: "IX_Datasets_Tenant_CreatedAt",
                table: "Datasets");

            migrationBuilder.DropColumn(
                name: "Tenant",
                table: "Models");

            migrationBuilder.DropColumn(
                name: "Tenant",
                table: "ModelVersions");

            migrationBuilder.DropColumn(
                name: "Tenant",
                table: "Jobs");

            migrationBuilder.DropColumn(
                name: "Tenant",
                table: "Datasets");

            migrationBuilder.AddPrimaryKey(
                name: "PK_Models",
                table: "Models",
                column: "Name");

            migrationBuilder.AddPrimaryKey(
                name: "PK_ModelVersions",
                table: "ModelVersions",
                columns: new[] { "Name", "Version" });

            migrationBuilder.CreateIndex(
                name: "IX_Jobs_IdempotencyKey",
                table: "Jobs",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_ModelVersions_Models_Name",
                table: "ModelVersions",
                column: "Name",
                principalTable: "Models",
                principalColumn: "Name",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
